using System.Text.Json;
using Microsoft.Playwright;

namespace Workflows.Functions.Tests.Browser;

/// <summary>Finds emails in the development outbox and follows their links, as a recipient clicks them in their mail
/// client.</summary>
public static class OutboxLinks
{
    /// <summary>Opens the newest email to <paramref name="email"/> sent by the workflow whose instance id starts
    /// <paramref name="instancePrefix"/> that carries a link labelled <paramref name="label"/>, clicks that link and waits
    /// for the page it opens.</summary>
    public static async Task FollowAsync(IPage page, string email, string instancePrefix, string label)
    {
        ArgumentNullException.ThrowIfNull(page);
        string messageId = await FindAsync(
            page,
            email,
            m => m.GetProperty("idempotencyKey").GetString()!.StartsWith(instancePrefix + ":", StringComparison.Ordinal)
                && m.GetProperty("html").GetString()!.Contains($">{label}</a>", StringComparison.Ordinal),
            $"email from {instancePrefix} with a '{label}' link");
        await page.GotoAsync($"/dev/outbox/{messageId}", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.ClickAsync($"a:text-is('{label}')");
        await page.WaitForSelectorAsync("main[data-page]");
    }

    /// <summary>The id of the newest email to <paramref name="email"/> that <paramref name="matches"/> (the outbox's JSON
    /// of a message), waiting up to 30 s for it to arrive; <paramref name="what"/> names it in the failure.</summary>
    public static async Task<string> FindAsync(IPage page, string email, Func<JsonElement, bool> matches, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(matches);
        DateTime giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            IAPIResponse response = await page.APIRequest.GetAsync("/dev/outbox", new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
            Assert.True(response.Ok, $"The outbox answered {response.Status}.");
            using JsonDocument messages = JsonDocument.Parse(await response.TextAsync());

            // Newest first: a later email (a reminder, a new attempt) carries the link that works now.
            foreach (JsonElement message in messages.RootElement.EnumerateArray())
            {
                bool toThem = message.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), email, StringComparison.OrdinalIgnoreCase));
                if (toThem && matches(message))
                {
                    return message.GetProperty("id").GetString()!;
                }
            }

            Assert.True(DateTime.UtcNow < giveUp, $"No {what} to {email} reached the outbox in 30 s.");
            await Task.Delay(200);
        }
    }
}
