using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Workflows.Functions.Tests.Browser;

/// <summary>The axe accessibility rules run on the page a browser shows.</summary>
public static class AxeChecks
{
    /// <summary>Runs axe on the page and adds each violation, with the elements it found, to <paramref name="failures"/>.</summary>
    public static async Task CheckAsync(IPage page, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(failures);
        Task<AxeResult> run = page.RunAxe(new AxeRunOptions { Iframes = false });
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) != run)
        {
            failures.Add($"{page.Url}: axe did not finish within 30 s");
            return;
        }

        foreach (AxeResultItem violation in (await run).Violations)
        {
            string targets = string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()));
            failures.Add($"{page.Url}: {violation.Id} ({violation.Impact}): {violation.Help} at {targets}");
        }
    }
}
