using System.Collections.Concurrent;
using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Fails the first time it runs for an input, succeeds afterwards.</summary>
public sealed class FlakyActivity : TaskActivity<string, string>
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    protected override string Execute(TaskContext context, string input)
    {
        int attempt = Attempts.AddOrUpdate(input, 1, (_, n) => n + 1);
        return attempt == 1 ? throw new InvalidOperationException($"First attempt for {input} fails.") : $"ok after {attempt}";
    }
}
