using Microsoft.DurableTask;
using Workflows.DurableTask.CrashHost.Activities;

namespace Workflows.DurableTask.CrashHost.Orchestrations;

/// <summary>Calls <see cref="FlakyActivity"/> with a durable retry policy: its first attempt fails.</summary>
public sealed class RetryOrchestrator : TaskOrchestrator<int, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1)));

    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        string result = await context.CallActivityAsync<string>(nameof(FlakyActivity), input, Retry);
        return $"retry:{result}";
    }
}
