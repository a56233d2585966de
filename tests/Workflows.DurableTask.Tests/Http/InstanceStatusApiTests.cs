using System.Net;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class InstanceStatusApiTests
{
    private const string TimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$";
    private static readonly DateTime Start = new(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Status_of_a_live_instance_is_202_with_location_at_itself_and_retry_after()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("live-1", OrchestrationRuntimeStatus.Running, name: "Wait", customStatus: "\"waiting\"");

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/live-1?showInput=true");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri($"http://localhost{Api}/instances/live-1?showInput=true"), response.Headers.Location);
        Assert.Equal(5, RetryAfterSeconds(response));
        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("waiting", status.GetProperty("customStatus").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("output").ValueKind);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task Status_of_a_pending_or_suspended_instance_is_202(OrchestrationRuntimeStatus runtimeStatus)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("held", runtimeStatus);

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/held");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(runtimeStatus.ToString(), (await ReadJsonAsync(response)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Status_of_a_completed_instance_is_200_with_every_field_and_no_history()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has(
            "seq-1",
            OrchestrationRuntimeStatus.Completed,
            name: "Sequence",
            input: """["Tokyo","London"]""",
            output: """["Hello Tokyo!","Hello London!"]""",
            customStatus: """{"step":"done"}""",
            createdAt: new DateTimeOffset(2026, 12, 3, 9, 30, 15, 999, TimeSpan.FromHours(1)),
            lastUpdatedAt: new DateTimeOffset(2026, 12, 3, 8, 31, 0, 1, TimeSpan.Zero));

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/seq-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Null(response.Headers.RetryAfter);
        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal("Sequence", status.GetProperty("name").GetString());
        Assert.Equal("seq-1", status.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("""["Tokyo","London"]""", status.GetProperty("input").GetRawText());
        Assert.Equal("""{"step":"done"}""", status.GetProperty("customStatus").GetRawText());
        Assert.Equal("""["Hello Tokyo!","Hello London!"]""", status.GetProperty("output").GetRawText());
        Assert.Equal("2026-12-03T08:30:15Z", status.GetProperty("createdTime").GetString());
        Assert.Equal("2026-12-03T08:31:00Z", status.GetProperty("lastUpdatedTime").GetString());
        Assert.False(status.TryGetProperty("historyEvents", out _));
        await host.Client.Received(1).GetInstanceAsync("seq-1", true, Arg.Any<CancellationToken>());
        await host.Client.DidNotReceive().GetOrchestrationHistoryAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Status_with_showInput_false_leaves_out_the_input_but_not_the_output()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("secret", OrchestrationRuntimeStatus.Completed, input: """{"secret":1}""", output: """{"secret":1}""");

        JsonElement status = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/secret?showInput=false"));

        Assert.Equal(JsonValueKind.Null, status.GetProperty("input").ValueKind);
        Assert.Equal("""{"secret":1}""", status.GetProperty("output").GetRawText());
    }

    [Fact]
    public async Task Stored_text_that_is_not_json_is_shown_as_a_string()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("plain", OrchestrationRuntimeStatus.Terminated, input: "not json", output: "operator said so", customStatus: "  ");

        JsonElement status = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/plain"));

        Assert.Equal("not json", status.GetProperty("input").GetString());
        Assert.Equal("operator said so", status.GetProperty("output").GetString());
        Assert.Equal(string.Empty, status.GetProperty("customStatus").GetString());
    }

    [Fact]
    public async Task History_has_the_Durable_Functions_shape_with_results_only_when_asked()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("seq-2", OrchestrationRuntimeStatus.Completed, name: "Sequence");
        host.HasHistory(
            "seq-2",
            At(0, new OrchestratorStartedEvent(-1)),
            At(0, new ExecutionStartedEvent(-1, """["Tokyo","London"]""") { Name = "Sequence" }),
            At(1, new TaskScheduledEvent(0) { Name = "Hello" }),
            At(1, new OrchestratorCompletedEvent(-1)),
            At(2, new OrchestratorStartedEvent(-1)),
            At(2, new TaskCompletedEvent(-1, 0, "\"Hello Tokyo!\"")),
            At(3, new TaskScheduledEvent(1) { Name = "Hello" }),
            At(3, new OrchestratorCompletedEvent(-1)),
            At(4, new OrchestratorStartedEvent(-1)),
            At(5, new TaskCompletedEvent(-1, 1, "\"Hello London!\"")),
            At(6, new ExecutionCompletedEvent(2, """["Hello Tokyo!","Hello London!"]""", OrchestrationStatus.Completed)),
            At(6, new OrchestratorCompletedEvent(-1)));

        JsonElement bare = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/seq-2?showHistory=true"));

        JsonElement[] events = bare.GetProperty("historyEvents").EnumerateArray().ToArray();
        Assert.Equal(["ExecutionStarted", "TaskCompleted", "TaskCompleted", "ExecutionCompleted"], events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal("Sequence", events[0].GetProperty("FunctionName").GetString());
        Assert.Equal("2026-12-03T08:00:00Z", events[0].GetProperty("Timestamp").GetString());
        Assert.False(events[0].TryGetProperty("Input", out _));
        Assert.All(events[1..3], completed =>
        {
            Assert.Equal("Hello", completed.GetProperty("FunctionName").GetString());
            Assert.False(completed.TryGetProperty("Result", out _));
            Assert.False(completed.TryGetProperty("TaskScheduledId", out _));
            Assert.False(completed.TryGetProperty("EventId", out _));
        });
        Assert.Equal(Start.AddSeconds(1), events[1].GetProperty("ScheduledTime").GetDateTime());
        Assert.Equal(Start.AddSeconds(2), events[1].GetProperty("Timestamp").GetDateTime());
        Assert.Equal(Start.AddSeconds(3), events[2].GetProperty("ScheduledTime").GetDateTime());
        Assert.Equal(Start.AddSeconds(5), events[2].GetProperty("Timestamp").GetDateTime());
        Assert.Equal("Completed", events[3].GetProperty("OrchestrationStatus").GetString());
        Assert.False(events[3].TryGetProperty("Result", out _));

        JsonElement full = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/seq-2?showHistory=true&showHistoryOutput=true"));
        JsonElement[] withOutput = full.GetProperty("historyEvents").EnumerateArray().ToArray();
        Assert.Equal("Hello Tokyo!", withOutput[1].GetProperty("Result").GetString());
        Assert.Equal("Hello London!", withOutput[2].GetProperty("Result").GetString());
        Assert.Equal("""["Hello Tokyo!","Hello London!"]""", withOutput[3].GetProperty("Result").GetRawText());
    }

    [Fact]
    public async Task History_times_read_back_from_a_store_without_a_kind_are_shown_as_utc()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("stored", OrchestrationRuntimeStatus.Running);
        host.HasHistory("stored", new ExecutionStartedEvent(-1, null) { Name = "Echo", Timestamp = new DateTime(2026, 12, 3, 8, 0, 0, 250, DateTimeKind.Unspecified) });

        JsonElement status = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/stored?showHistory=true"));

        Assert.Equal("2026-12-03T08:00:00.25Z", status.GetProperty("historyEvents")[0].GetProperty("Timestamp").GetString());
    }

    [Fact]
    public async Task History_shows_timers_with_their_fire_time_and_events_by_name()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        DateTime fireAt = Start.AddMinutes(5);
        host.Has("nap", OrchestrationRuntimeStatus.Completed, name: "NapThenWait");
        host.HasHistory(
            "nap",
            At(0, new OrchestratorStartedEvent(-1)),
            At(0, new ExecutionStartedEvent(-1, null) { Name = "NapThenWait", ScheduledStartTime = Start.AddSeconds(-30) }),
            At(0, new TimerCreatedEvent(0, fireAt)),
            At(0, new OrchestratorCompletedEvent(-1)),
            At(300, new OrchestratorStartedEvent(-1)),
            At(300, new TimerFiredEvent(-1) { TimerId = 0 }),
            At(301, new EventRaisedEvent(-1, "\"now\"") { Name = "Go" }),
            At(301, new ExecutionCompletedEvent(1, "\"now\"", OrchestrationStatus.Completed)),
            At(301, new OrchestratorCompletedEvent(-1)));

        JsonElement status = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/nap?showHistory=true"));

        JsonElement[] events = status.GetProperty("historyEvents").EnumerateArray().ToArray();
        Assert.Equal(Start.AddSeconds(-30), events[0].GetProperty("ScheduledStartTime").GetDateTime());
        JsonElement created = events.Single(e => e.GetProperty("EventType").GetString() == "TimerCreated");
        JsonElement fired = events.Single(e => e.GetProperty("EventType").GetString() == "TimerFired");
        Assert.Equal(fireAt, created.GetProperty("FireAt").GetDateTime());
        Assert.Equal(fireAt, fired.GetProperty("FireAt").GetDateTime());
        JsonElement raised = events.Single(e => e.GetProperty("EventType").GetString() == "EventRaised");
        Assert.Equal("Go", raised.GetProperty("Name").GetString());
        Assert.False(raised.TryGetProperty("Input", out _));
        Assert.DoesNotContain(events, e => e.GetProperty("EventType").GetString() is "OrchestratorStarted" or "OrchestratorCompleted");
    }

    [Fact]
    public async Task History_shows_sub_orchestrations_once_on_their_completion_and_an_unanswered_task_by_name()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("parent", OrchestrationRuntimeStatus.Running, name: "Parent");
        var childFailure = new FailureDetails("System.TimeoutException", "child gave up", null, null, isNonRetriable: false);
        host.HasHistory(
            "parent",
            At(0, new ExecutionStartedEvent(-1, null) { Name = "Parent" }),
            At(1, new SubOrchestrationInstanceCreatedEvent(0) { Name = "Round", InstanceId = "parent:round-1" }),
            At(2, new SubOrchestrationInstanceCreatedEvent(1) { Name = "Round", InstanceId = "parent:round-2" }),
            At(3, new SubOrchestrationInstanceCreatedEvent(2) { Name = "Round", InstanceId = "parent:round-3" }),
            At(4, new SubOrchestrationInstanceCompletedEvent(-1, 0, """{"approved":true}""")),
            At(5, new SubOrchestrationInstanceFailedEvent(-1, 1, null, null, childFailure)),
            At(6, new TaskScheduledEvent(3) { Name = "Notify" }),
            At(7, new EventSentEvent(4) { InstanceId = "other", Name = "Ping", Input = "1" }));

        JsonElement status = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/parent?showHistory=true&showHistoryOutput=true"));

        JsonElement[] events = status.GetProperty("historyEvents").EnumerateArray().ToArray();
        Assert.Equal(
            ["ExecutionStarted", "SubOrchestrationInstanceCreated", "SubOrchestrationInstanceCompleted", "SubOrchestrationInstanceFailed", "TaskScheduled", "EventSent"],
            events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal("parent:round-3", events[1].GetProperty("InstanceId").GetString());
        Assert.Equal("Round", events[1].GetProperty("Name").GetString());
        Assert.Equal("Round", events[2].GetProperty("FunctionName").GetString());
        Assert.Equal("parent:round-1", events[2].GetProperty("InstanceId").GetString());
        Assert.Equal(Start.AddSeconds(1), events[2].GetProperty("ScheduledTime").GetDateTime());
        Assert.Equal("""{"approved":true}""", events[2].GetProperty("Result").GetRawText());
        Assert.Equal("parent:round-2", events[3].GetProperty("InstanceId").GetString());
        Assert.Equal("child gave up", events[3].GetProperty("Reason").GetString());
        Assert.Equal("System.TimeoutException", events[3].GetProperty("FailureDetails").GetProperty("ErrorType").GetString());
        Assert.Equal("Notify", events[4].GetProperty("Name").GetString());
        Assert.Equal("other", events[5].GetProperty("InstanceId").GetString());
        Assert.Equal("Ping", events[5].GetProperty("Name").GetString());
        Assert.Equal("1", events[5].GetProperty("Input").GetString());
    }

    [Fact]
    public async Task History_shows_suspend_resume_and_rewind_reasons_but_not_the_terminate_reason()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("steered", OrchestrationRuntimeStatus.Terminated);
        host.HasHistory(
            "steered",
            At(0, new ExecutionStartedEvent(-1, null) { Name = "Echo" }),
            At(1, new ExecutionSuspendedEvent(-1, "maintenance")),
            At(2, new ExecutionResumedEvent(-1, "done")),
            At(3, new ExecutionRewoundEvent(-1, "fixed")),
            At(4, new ContinueAsNewEvent(1, "\"next\"")),
            At(5, new ExecutionTerminatedEvent(-1, "\"operator said so\"")));

        JsonElement[] events = (await ReadJsonAsync(await host.GetAsync($"{Api}/instances/steered?showHistory=true&showHistoryOutput=true")))
            .GetProperty("historyEvents").EnumerateArray().ToArray();

        Assert.Equal(
            ["ExecutionStarted", "ExecutionSuspended", "ExecutionResumed", "ExecutionRewound", "ContinueAsNew", "ExecutionTerminated"],
            events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal("maintenance", events[1].GetProperty("Reason").GetString());
        Assert.Equal("done", events[2].GetProperty("Reason").GetString());
        Assert.Equal("fixed", events[3].GetProperty("Reason").GetString());
        Assert.Equal("next", events[4].GetProperty("Result").GetString());
        Assert.False(events[4].TryGetProperty("OrchestrationStatus", out _));
        Assert.Equal(["EventType", "Timestamp"], events[5].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Failed_instance_is_200_with_the_failure_in_output_and_history_or_500_when_asked()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        var activityFailure = new FailureDetails("System.InvalidOperationException", "boom", "   at Boom.Run()", null, isNonRetriable: false);
        host.Has(
            "fails",
            OrchestrationRuntimeStatus.Failed,
            name: "Fails",
            failure: new TaskFailureDetails("Microsoft.DurableTask.TaskFailedException", "Task 'Boom' (#0) failed with an unhandled exception: boom", null, null, null));
        host.HasHistory(
            "fails",
            At(0, new ExecutionStartedEvent(-1, null) { Name = "Fails" }),
            At(1, new TaskScheduledEvent(0) { Name = "Boom" }),

            // With failure details propagated, DurableTask.Core leaves Reason and Details empty.
            At(2, new TaskFailedEvent(-1, 0, null, null, activityFailure)),
            At(3, new ExecutionCompletedEvent(1, null, OrchestrationStatus.Failed, new FailureDetails("Microsoft.DurableTask.TaskFailedException", "Task 'Boom' (#0) failed", null, activityFailure, isNonRetriable: false))));

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/fails?showHistory=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Orchestrator function 'Fails' failed: Task 'Boom' (#0) failed with an unhandled exception: boom", status.GetProperty("output").GetString());
        JsonElement[] events = status.GetProperty("historyEvents").EnumerateArray().ToArray();
        JsonElement failed = events.Single(e => e.GetProperty("EventType").GetString() == "TaskFailed");
        Assert.Equal("Boom", failed.GetProperty("FunctionName").GetString());
        Assert.Equal("boom", failed.GetProperty("Reason").GetString());
        Assert.Equal("System.InvalidOperationException: boom" + Environment.NewLine + "   at Boom.Run()", failed.GetProperty("Details").GetString());
        Assert.Equal("System.InvalidOperationException", failed.GetProperty("FailureDetails").GetProperty("ErrorType").GetString());
        Assert.False(failed.GetProperty("FailureDetails").GetProperty("IsNonRetriable").GetBoolean());
        JsonElement completed = events[^1];
        Assert.Equal("ExecutionCompleted", completed.GetProperty("EventType").GetString());
        Assert.Equal("Failed", completed.GetProperty("OrchestrationStatus").GetString());
        Assert.Equal("boom", completed.GetProperty("FailureDetails").GetProperty("InnerFailure").GetProperty("ErrorMessage").GetString());

        using HttpResponseMessage asError = await host.GetAsync($"{Api}/instances/fails?returnInternalServerErrorOnFailure=true");
        Assert.Equal(HttpStatusCode.InternalServerError, asError.StatusCode);
        Assert.Equal("Failed", (await ReadJsonAsync(asError)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task A_failed_task_keeps_the_reason_and_details_its_event_carries()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("legacy", OrchestrationRuntimeStatus.Running);
        host.HasHistory(
            "legacy",
            At(1, new TaskScheduledEvent(0) { Name = "Boom" }),
            At(2, new TaskFailedEvent(-1, 0, "stored reason", "stored details")));

        JsonElement failed = (await ReadJsonAsync(await host.GetAsync($"{Api}/instances/legacy?showHistory=true"))).GetProperty("historyEvents")[0];

        Assert.Equal("stored reason", failed.GetProperty("Reason").GetString());
        Assert.Equal("stored details", failed.GetProperty("Details").GetString());
        Assert.False(failed.TryGetProperty("FailureDetails", out _));
    }

    [Fact]
    public async Task Completed_instance_with_returnInternalServerErrorOnFailure_is_still_200()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("fine", OrchestrationRuntimeStatus.Completed, output: "1");

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/fine?returnInternalServerErrorOnFailure=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Status_of_an_unknown_instance_is_404_problem()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/nobody");

        JsonElement problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("'nobody'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_of_an_instance_purged_while_it_was_read_is_404()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("gone", OrchestrationRuntimeStatus.Completed);
        host.Client.GetOrchestrationHistoryAsync("gone", Arg.Any<CancellationToken>()).ThrowsAsync(new ArgumentException("No such instance.", "instanceId"));

        await ProblemAssert.IsProblemAsync(await host.GetAsync($"{Api}/instances/gone?showHistory=true"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_from_a_client_that_cannot_read_it_is_501_and_the_status_alone_still_works()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("done", OrchestrationRuntimeStatus.Completed);
        host.Client.GetOrchestrationHistoryAsync("done", Arg.Any<CancellationToken>()).ThrowsAsync(new NotSupportedException("no history here"));

        JsonElement problem = await ProblemAssert.IsProblemAsync(await host.GetAsync($"{Api}/instances/done?showHistory=true"), HttpStatusCode.NotImplemented);

        Assert.Contains("history", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("no history here", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"{Api}/instances/done")).StatusCode);
    }

    [Theory]
    [InlineData("showHistory", "yes")]
    [InlineData("showHistoryOutput", "1")]
    [InlineData("showInput", "nope")]
    [InlineData("returnInternalServerErrorOnFailure", "on")]
    public async Task Status_with_a_bad_boolean_is_400_naming_the_parameter(string parameter, string value)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("echo", OrchestrationRuntimeStatus.Completed);

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/echo?{parameter}={value}");

        JsonElement problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, parameter);
        Assert.Contains($"'{value}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await host.Client.DidNotReceive().GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_bad_value_is_echoed_only_in_part()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string value = new('y', 500);

        JsonElement problem = await ProblemAssert.IsProblemAsync(await host.GetAsync($"{Api}/instances/echo?showInput={value}"), HttpStatusCode.BadRequest, "showInput");

        Assert.Contains(new string('y', 100) + "...", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('y', 101), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static HistoryEvent At(int seconds, HistoryEvent e)
    {
        e.Timestamp = Start.AddSeconds(seconds);
        return e;
    }
}
