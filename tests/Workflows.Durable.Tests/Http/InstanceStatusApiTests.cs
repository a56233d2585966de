using System.Net;
using System.Text.Json;
using Workflows.Durable.Client;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

public sealed class InstanceStatusApiTests
{
    private const string TimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$";

    [Fact]
    public async Task Status_of_a_live_instance_is_202_with_location_at_itself_and_retry_after()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait", "live-1");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/{id}?showInput=true");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri($"http://localhost{Api}/instances/live-1?showInput=true"), response.Headers.Location);
        Assert.Equal(5, RetryAfterSeconds(response));
        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("waiting", status.GetProperty("customStatus").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("output").ValueKind);
    }

    [Fact]
    public async Task Status_of_a_completed_instance_is_200_with_every_field_and_no_history()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Sequence", """["Tokyo","London"]""", "seq-1");
        await host.WaitAsync(id);

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal("Sequence", status.GetProperty("name").GetString());
        Assert.Equal("seq-1", status.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("""["Tokyo","London"]""", status.GetProperty("input").GetRawText());
        Assert.Equal("""{"step":"done"}""", status.GetProperty("customStatus").GetRawText());
        Assert.Equal("""["Hello Tokyo!","Hello London!"]""", status.GetProperty("output").GetRawText());
        string created = status.GetProperty("createdTime").GetString()!;
        string updated = status.GetProperty("lastUpdatedTime").GetString()!;
        Assert.Matches(TimePattern, created);
        Assert.Matches(TimePattern, updated);
        Assert.True(string.CompareOrdinal(updated, created) >= 0, $"{updated} is before {created}");
        Assert.InRange(DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.False(status.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task Status_with_showInput_false_leaves_out_the_input_but_not_the_output()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Echo", """{"secret":1}""");
        await host.WaitAsync(id);

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/{id}?showInput=false");

        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("input").ValueKind);
        Assert.Equal("""{"secret":1}""", status.GetProperty("output").GetRawText());
    }

    [Fact]
    public async Task History_has_the_Durable_Functions_shape_with_results_only_when_asked()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Sequence", """["Tokyo","London"]""");
        await host.WaitAsync(id);

        JsonElement bare = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/{id}?showHistory=true"));
        JsonElement[] events = bare.GetProperty("historyEvents").EnumerateArray().ToArray();
        string[] types = events.Select(e => e.GetProperty("EventType").GetString()!).ToArray();
        Assert.Equal(["ExecutionStarted", "TaskCompleted", "TaskCompleted", "ExecutionCompleted"], types);
        Assert.Equal("Sequence", events[0].GetProperty("FunctionName").GetString());
        foreach (JsonElement completed in events[1..3])
        {
            Assert.Equal("Hello", completed.GetProperty("FunctionName").GetString());
            DateTime scheduled = completed.GetProperty("ScheduledTime").GetDateTime();
            DateTime timestamp = completed.GetProperty("Timestamp").GetDateTime();
            Assert.True(scheduled <= timestamp, $"scheduled {scheduled:o} after completion {timestamp:o}");
            Assert.False(completed.TryGetProperty("Result", out _));
            Assert.False(completed.TryGetProperty("TaskScheduledId", out _));
        }

        Assert.Equal("Completed", events[3].GetProperty("OrchestrationStatus").GetString());
        Assert.False(events[3].TryGetProperty("Result", out _));
        Assert.EndsWith("Z", events[0].GetProperty("Timestamp").GetString(), StringComparison.Ordinal);

        JsonElement full = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/{id}?showHistory=true&showHistoryOutput=true"));
        JsonElement[] withOutput = full.GetProperty("historyEvents").EnumerateArray().ToArray();
        Assert.Equal("Hello Tokyo!", withOutput[1].GetProperty("Result").GetString());
        Assert.Equal("Hello London!", withOutput[2].GetProperty("Result").GetString());
        Assert.Equal("""["Hello Tokyo!","Hello London!"]""", withOutput[3].GetProperty("Result").GetRawText());
    }

    [Fact]
    public async Task History_shows_timers_with_their_fire_time_and_events_by_name()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("NapThenWait");
        await Infrastructure.DurableTestHost.Eventually(
            async () => (await host.Client.GetOrchestrationHistoryAsync(id)).Any(e => e.EventType == HistoryEventType.TimerFired),
            "the timer to fire");
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/{id}/raiseEvent/Go", "\"now\"")).StatusCode);
        await host.WaitAsync(id);

        JsonElement status = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/{id}?showHistory=true"));

        JsonElement[] events = status.GetProperty("historyEvents").EnumerateArray().ToArray();
        JsonElement created = events.Single(e => e.GetProperty("EventType").GetString() == "TimerCreated");
        JsonElement fired = events.Single(e => e.GetProperty("EventType").GetString() == "TimerFired");
        Assert.Equal(created.GetProperty("FireAt").GetDateTime(), fired.GetProperty("FireAt").GetDateTime());
        JsonElement raised = events.Single(e => e.GetProperty("EventType").GetString() == "EventRaised");
        Assert.Equal("Go", raised.GetProperty("Name").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("EventType").GetString() is "OrchestratorStarted" or "OrchestratorCompleted");
    }

    [Fact]
    public async Task Failed_instance_is_200_with_the_failure_in_output_and_history_or_500_when_asked()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Fails");
        await host.WaitAsync(id);

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/{id}?showHistory=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement status = await ReadJsonAsync(response);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.StartsWith("Orchestrator function 'Fails' failed: ", status.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Contains("boom", status.GetProperty("output").GetString(), StringComparison.Ordinal);
        JsonElement[] events = status.GetProperty("historyEvents").EnumerateArray().ToArray();
        JsonElement failed = events.Single(e => e.GetProperty("EventType").GetString() == "TaskFailed");
        Assert.Equal("Boom", failed.GetProperty("FunctionName").GetString());
        Assert.Contains("boom", failed.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", failed.GetProperty("Details").GetString(), StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", failed.GetProperty("FailureDetails").GetProperty("ErrorType").GetString());
        JsonElement completed = events[^1];
        Assert.Equal("ExecutionCompleted", completed.GetProperty("EventType").GetString());
        Assert.Equal("Failed", completed.GetProperty("OrchestrationStatus").GetString());

        using HttpResponseMessage asError = await host.GetAsync($"{Api}/instances/{id}?returnInternalServerErrorOnFailure=true");
        Assert.Equal(HttpStatusCode.InternalServerError, asError.StatusCode);
        Assert.Equal("Failed", (await ReadJsonAsync(asError)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Status_of_an_unknown_instance_is_404_problem()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/nobody");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("showHistory", "yes")]
    [InlineData("showHistoryOutput", "1")]
    [InlineData("showInput", "nope")]
    public async Task Status_with_a_bad_boolean_is_400_naming_the_parameter(string parameter, string value)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Echo", "1");

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances/{id}?{parameter}={value}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, parameter);
    }
}
