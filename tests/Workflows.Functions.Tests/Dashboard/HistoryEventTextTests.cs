using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.Functions.Dashboard;

namespace Workflows.Functions.Tests.Dashboard;

/// <summary>What the instance page reads from DurableTask.Core's history events.</summary>
public sealed class HistoryEventTextTests
{
    [Fact]
    public void The_parent_comes_from_the_execution_start_and_the_children_from_their_creation_events_once_each()
    {
        HistoryEvent[] history =
        [
            new ExecutionStartedEvent(-1, null)
            {
                Name = "GoverningBodyApprovalOrchestrator",
                ParentInstance = new ParentInstance { OrchestrationInstance = new OrchestrationInstance { InstanceId = "p-1" }, Name = "ProposalOrchestrator" },
            },
            new SubOrchestrationInstanceCreatedEvent(0) { InstanceId = "p-1:a" },
            new SubOrchestrationInstanceCreatedEvent(1) { InstanceId = "p-1:b" },
            new SubOrchestrationInstanceCreatedEvent(2) { InstanceId = "p-1:a" },
        ];

        Assert.Equal("p-1", HistoryEventText.ParentInstanceId(history));
        Assert.Equal(["p-1:a", "p-1:b"], HistoryEventText.ChildInstanceIds(history));
        Assert.Null(HistoryEventText.ParentInstanceId([new ExecutionStartedEvent(-1, null)]));
    }

    [Fact]
    public void A_scheduling_event_shows_its_task_id_and_the_event_that_ends_it_refers_to_it()
    {
        Assert.Equal("#3", HistoryEventText.Task(new TaskScheduledEvent(3, "Send", null, null)));
        Assert.Equal("#4", HistoryEventText.Task(new TimerCreatedEvent(4, DateTime.UtcNow)));
        Assert.Equal("of #3", HistoryEventText.Task(new TaskCompletedEvent(-1, 3, "true")));
        Assert.Equal("of #4", HistoryEventText.Task(new TimerFiredEvent(-1, DateTime.UtcNow) { TimerId = 4 }));
        Assert.Equal(string.Empty, HistoryEventText.Task(new EventRaisedEvent(-1, null) { Name = "Decision" }));
    }

    [Fact]
    public void Details_name_the_failure_and_cut_long_payloads()
    {
        var failed = new TaskFailedEvent(-1, 2, "boom", null, new FailureDetails("System.InvalidOperationException", "No mail server", null, null, false));
        var raised = new EventRaisedEvent(-1, new string('x', 300)) { Name = "Decision" };

        Assert.Equal("failed: System.InvalidOperationException: No mail server", HistoryEventText.Details(failed, 200));
        Assert.Equal($"input {new string('x', 200)}…", HistoryEventText.Details(raised, 200));
        Assert.Equal("Decision", HistoryEventText.Name(raised));
        Assert.Equal("status Terminated; result stop", HistoryEventText.Details(new ExecutionCompletedEvent(-1, "stop", OrchestrationStatus.Terminated, null), 200));
    }
}
