using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Three activities in sequence.</summary>
public sealed class SequenceOrchestration : TaskOrchestration<string, string>
{
    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        var parts = new List<string>();
        foreach (string name in new[] { input, "Tokyo", "Lima" })
        {
            parts.Add(await context.ScheduleTask<string>(typeof(HelloActivity), name));
        }

        return string.Join(", ", parts);
    }
}
