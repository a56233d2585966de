using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Client reads: waiting, history in DurableTask.Core's JSON, large payloads.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public async Task Wait_returns_the_final_state_once_the_instance_completes()
    {
        string id = await this.CreateAsync();
        Task<OrchestrationState> waiting = this.Client.WaitForOrchestrationAsync(id, null!, Patience, CancellationToken.None);
        await this.RunToCompletionAsync(id, output: "\"waited\"");
        OrchestrationState state = await waiting;
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("\"waited\"", state.Output);
    }

    [Fact]
    public async Task Wait_returns_null_after_its_timeout_and_throws_when_canceled()
    {
        string id = await this.CreateAsync();
        Assert.Null(await this.Client.WaitForOrchestrationAsync(id, null!, TimeSpan.FromMilliseconds(200), CancellationToken.None));

        using var cancel = new CancellationTokenSource();
        Task<OrchestrationState> waiting = this.Client.WaitForOrchestrationAsync(id, null!, Patience, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public virtual async Task History_json_reads_back_into_DurableTask_Core_events_with_their_types()
    {
        string id = await this.CreateAsync(input: "\"in\"");
        await this.RunToCompletionAsync(id, output: "\"out\"");
        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        string json = await this.Client.GetOrchestrationHistoryAsync(id, state.OrchestrationInstance.ExecutionId);

        Assert.Contains("\"EventType\"", json, StringComparison.Ordinal);
        List<HistoryEvent> events = global::DurableTask.Core.Serializing.JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(json);
        Assert.Equal("\"in\"", Assert.Single(events.OfType<ExecutionStartedEvent>()).Input);
        Assert.Equal("\"ok\"", Assert.Single(events.OfType<TaskCompletedEvent>()).Result);
        Assert.Equal("\"out\"", Assert.Single(events.OfType<ExecutionCompletedEvent>()).Result);
    }

    [Fact]
    public async Task Large_payloads_round_trip_through_every_path()
    {
        string input = Json('i', 100_000);
        string activityInput = Json('a', 40_000);
        string result = Json('r', 50_000);
        string eventData = Json('e', 30_000);
        string custom = Json('c', 20_000);
        string output = Json('o', 60_000);

        string id = await this.CreateAsync(input: input);
        Assert.Equal(input, (await this.Client.GetOrchestrationStateAsync(id, null)).Input);
        TaskOrchestrationWorkItem item = await this.LockOrchestrationAsync(id);
        Assert.Equal(input, ((ExecutionStartedEvent)item.NewMessages[0].Event).Input);
        await new Episode(item).ScheduleActivity(0, "Big", activityInput).CustomStatus(custom).CommitAsync(this.Service);
        Assert.Equal(custom, (await this.Client.GetOrchestrationStateAsync(id, null)).Status);

        TaskActivityWorkItem activity = await LockActivityAsync(this.Service);
        Assert.Equal(activityInput, ((TaskScheduledEvent)activity.TaskMessage.Event).Input);
        await CompleteActivityAsync(this.Service, activity, result);
        await this.Client.SendTaskOrchestrationMessageAsync(EventMessage(id, new EventRaisedEvent(-1, eventData) { Name = "Big" }));

        item = await this.LockOrchestrationAsync(id);
        Assert.Equal(result, item.NewMessages.Select(m => m.Event).OfType<TaskCompletedEvent>().Single().Result);
        Assert.Equal(eventData, item.NewMessages.Select(m => m.Event).OfType<EventRaisedEvent>().Single().Input);
        Assert.Equal(activityInput, item.OrchestrationRuntimeState.Events.OfType<TaskScheduledEvent>().Single().Input);
        await new Episode(item).CustomStatus(custom + " ").Complete(output).CommitAsync(this.Service);

        OrchestrationState state = await this.Client.GetOrchestrationStateAsync(id, null);
        Assert.Equal(output, state.Output);
        Assert.Equal(custom + " ", state.Status);
        Assert.Equal(input, state.Input);
        IReadOnlyList<HistoryEvent> history = await this.HistoryAsync(id);
        Assert.Equal(result, history.OfType<TaskCompletedEvent>().Single().Result);
    }

    private static string Json(char fill, int length) => "\"" + new string(fill, length) + "\"";
}
