using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Runs a greeting, then an activity that fails the first time: the instance fails until it is rewound.</summary>
public sealed class FlakyOrchestration : TaskOrchestration<string, string>
{
    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        string greeting = await context.ScheduleTask<string>(typeof(HelloActivity), input);
        string flaky = await context.ScheduleTask<string>(typeof(FlakyActivity), input);
        return $"{greeting}; {flaky}";
    }
}
