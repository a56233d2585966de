using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Runs a sequence as a sub-orchestration, then continues as new once to prove the next execution runs.</summary>
public sealed class ParentOrchestration : TaskOrchestration<string, int>
{
    public override async Task<string> RunTask(OrchestrationContext context, int input)
    {
        string child = await context.CreateSubOrchestrationInstance<string>(typeof(SequenceOrchestration), $"child{input}");
        if (input == 0)
        {
            context.ContinueAsNew(1);
            return string.Empty;
        }

        return child;
    }
}
