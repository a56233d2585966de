using System.Net;
using System.Text.Json;
using Workflows.Durable.Client;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

public sealed class StartOrchestrationApiTests
{
    [Fact]
    public async Task Start_is_202_with_location_retry_after_and_every_management_link()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo", """{"city":"Tokyo","count":2}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", MediaType(response));
        JsonElement payload = await ReadJsonAsync(response);
        string id = payload.GetProperty("id").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(id));
        string instance = $"http://localhost{Api}/instances/{id}";
        Assert.Equal(instance, payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}", payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}", payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance, payload.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(instance + "/restart", payload.GetProperty("restartPostUri").GetString());
        Assert.Equal(instance + "/suspend?reason={text}", payload.GetProperty("suspendPostUri").GetString());
        Assert.Equal(instance + "/resume?reason={text}", payload.GetProperty("resumePostUri").GetString());
        Assert.Equal(instance + "/rewind?reason={text}", payload.GetProperty("rewindPostUri").GetString());
        Assert.Equal(new Uri(instance), response.Headers.Location);
        Assert.Equal(10, RetryAfterSeconds(response));

        OrchestrationMetadata done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("""{"city":"Tokyo","count":2}""", done.SerializedOutput);
    }

    [Fact]
    public async Task Start_with_an_instance_id_uses_it_and_is_409_while_that_instance_is_live()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        Assert.Equal("order-7", await host.StartAsync("Wait", instanceId: "order-7"));
        using HttpResponseMessage duplicate = await host.PostAsync($"{Api}/orchestrators/Echo/order-7", "\"again\"");
        await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict);

        await host.Client.RaiseEventAsync("order-7", "Go", "first");
        await host.WaitAsync("order-7");
        Assert.Equal("order-7", await host.StartAsync("Echo", "\"second\"", "order-7"));
        Assert.Equal("\"second\"", (await host.WaitAsync("order-7")).SerializedOutput);
    }

    [Fact]
    public async Task Start_without_a_body_gives_null_input_and_version_is_recorded()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo?version=2.1");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        OrchestrationMetadata done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Null(done.SerializedInput);
        HistoryEvent started = (await host.Client.GetOrchestrationHistoryAsync(id)).First(e => e.EventType == HistoryEventType.ExecutionStarted);
        Assert.Equal("2.1", started.Version);
    }

    [Fact]
    public async Task Start_with_a_body_that_is_not_json_is_400_and_creates_nothing()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo/bad-body", "{not json");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(await host.Client.GetInstanceAsync("bad-body"));
    }

    [Fact]
    public async Task Start_with_an_instance_id_the_engine_refuses_is_400()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo/{new string('x', 300)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Start_of_an_unknown_orchestrator_makes_an_instance_that_fails_naming_it()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        string id = await host.StartAsync("NoSuchOrchestrator");

        OrchestrationMetadata done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        using HttpResponseMessage status = await host.GetAsync($"{Api}/instances/{id}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        string output = (await ReadJsonAsync(status)).GetProperty("output").GetString()!;
        Assert.Contains("NoSuchOrchestrator", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_are_absolute_for_the_request_scheme_and_host_escape_the_id_and_carry_the_code()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Http.BaseAddress = new Uri("https://workflows.example:8443/");

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Wait/a%20b%2Bc?code=k%2By%3D");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement payload = await ReadJsonAsync(response);
        Assert.Equal("a b+c", payload.GetProperty("id").GetString());
        string instance = $"https://workflows.example:8443{Api}/instances/a%20b%2Bc";
        Assert.Equal(instance + "?code=k%2By%3D", payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}?code=k%2By%3D", payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}&code=k%2By%3D", payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance + "/restart?code=k%2By%3D", payload.GetProperty("restartPostUri").GetString());
        Assert.Equal(new Uri(instance + "?code=k%2By%3D"), response.Headers.Location);

        // The links lead where they say: the status link finds the instance and the event link completes it.
        using HttpResponseMessage status = await host.Http.GetAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!));
        Assert.Equal("a b+c", (await ReadJsonAsync(status)).GetProperty("instanceId").GetString());
        string raise = payload.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "Go", StringComparison.Ordinal);
        using HttpResponseMessage raised = await host.Http.PostAsync(new Uri(raise), JsonContent("42"));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Equal("42", (await host.WaitAsync("a b+c")).SerializedOutput);
    }
}
