using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>Waits for an external event named Approval (DurableTask.Core delivers events through OnEvent).</summary>
public sealed class ApprovalOrchestration : TaskOrchestration<string, string>
{
    private readonly TaskCompletionSource<string> approval = new();

    public override async Task<string> RunTask(OrchestrationContext context, string input)
    {
        string answer = await this.approval.Task;
        return await context.ScheduleTask<string>(typeof(HelloActivity), $"{input} {answer}");
    }

    public override string OnGetStatus() => this.approval.Task.IsCompleted ? "approved" : "waiting";

    public override void OnEvent(OrchestrationContext context, string name, string input)
    {
        if (name == "Approval")
        {
            this.approval.TrySetResult(input);
        }
    }
}
