using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Waits on a durable timer, then reports how long orchestration time moved.</summary>
public sealed class TimerOrchestration : TaskOrchestration<bool, int>
{
    public override async Task<bool> RunTask(OrchestrationContext context, int input)
    {
        DateTime fireAt = context.CurrentUtcDateTime.AddMilliseconds(input);
        await context.CreateTimer(fireAt, "wake");
        return context.CurrentUtcDateTime >= fireAt;
    }
}
