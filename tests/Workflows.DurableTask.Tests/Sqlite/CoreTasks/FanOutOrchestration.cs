using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Squares 1..n in parallel and sums them.</summary>
public sealed class FanOutOrchestration : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        int[] squares = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.ScheduleTask<int>(typeof(SquareActivity), i)));
        return squares.Sum();
    }
}
