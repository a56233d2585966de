using System.Net;
using System.Text;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

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
        Assert.Equal(GeneratedId, payload.GetProperty("id").GetString());
        string instance = $"http://localhost{Api}/instances/{GeneratedId}";
        Assert.Equal(instance, payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}", payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}", payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance, payload.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(instance + "/restart", payload.GetProperty("restartPostUri").GetString());
        Assert.Equal(instance + "/suspend?reason={text}", payload.GetProperty("suspendPostUri").GetString());
        Assert.Equal(instance + "/resume?reason={text}", payload.GetProperty("resumePostUri").GetString());
        Assert.Equal(instance + "/rewind?reason={text}", payload.GetProperty("rewindPostUri").GetString());
        Assert.Equal(9, payload.EnumerateObject().Count());
        Assert.Equal(new Uri(instance), response.Headers.Location);
        Assert.Equal(10, RetryAfterSeconds(response));

        await host.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("Echo"),
            Arg.Is<object?>(input => IsJson(input, """{"city":"Tokyo","count":2}""")),
            Arg.Is<StartOrchestrationOptions?>(o => o != null && o.InstanceId == null && o.Version == null),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Start_with_an_instance_id_uses_it_and_refuses_only_an_id_held_by_a_live_instance()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        Assert.Equal("order-7", await host.StartAsync("Wait", instanceId: "order-7"));

        StartOrchestrationOptions options = (StartOrchestrationOptions)host.Client.ReceivedCalls().Single().GetArguments()[2]!;
        Assert.Equal("order-7", options.InstanceId);
        Assert.Equal(["Pending", "Running", "Suspended"], options.DedupeStatuses!.Order());
    }

    [Fact]
    public async Task Start_is_409_when_the_client_says_the_instance_exists()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "order-7"), Arg.Any<CancellationToken>())
            .ThrowsAsync(new OrchestrationAlreadyExistsException("An orchestration with instance ID 'order-7' and status 'Running' already exists"));

        using HttpResponseMessage duplicate = await host.PostAsync($"{Api}/orchestrators/Echo/order-7", "\"again\"");

        JsonElement problem = await ProblemAssert.IsProblemAsync(duplicate, HttpStatusCode.Conflict);
        Assert.Contains("order-7", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/orchestrators/Echo/order-8", "\"other\"")).StatusCode);
    }

    [Fact]
    public async Task Start_without_a_body_gives_null_input_and_passes_the_version()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo?version=2.1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("Echo"),
            Arg.Is<object?>(input => input == null),
            Arg.Is<StartOrchestrationOptions?>(o => o!.Version!.Value.Version == "2.1"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Start_reads_a_body_as_json_whatever_its_declared_type()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        using var text = new StringContent("[1,2]", Encoding.UTF8, "text/plain");

        using HttpResponseMessage response = await host.Http.PostAsync(new Uri($"{Api}/orchestrators/Echo", UriKind.Relative), text);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("Echo"), Arg.Is<object?>(input => IsJson(input, "[1,2]")), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Start_with_a_body_that_is_not_json_is_400_and_schedules_nothing()
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo/bad-body", "{not json");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(host.Client.ReceivedCalls());
    }

    [Fact]
    public async Task Start_with_an_instance_id_the_client_refuses_is_400()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string tooLong = new('x', 300);
        host.Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Is<StartOrchestrationOptions?>(o => o!.InstanceId == tooLong), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ArgumentException("Instance ids are at most 256 characters long.", "instanceId"));

        using HttpResponseMessage response = await host.PostAsync($"{Api}/orchestrators/Echo/{tooLong}");

        JsonElement problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("256 characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
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

        // The links lead where they say: the status link finds the instance and the event link reaches it.
        host.Has("a b+c", OrchestrationRuntimeStatus.Running, name: "Wait");
        using HttpResponseMessage status = await host.Http.GetAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!));
        Assert.Equal("a b+c", (await ReadJsonAsync(status)).GetProperty("instanceId").GetString());
        string raise = payload.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "Go", StringComparison.Ordinal);
        using HttpResponseMessage raised = await host.Http.PostAsync(new Uri(raise), JsonContent("42"));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        await host.Client.Received(1).RaiseEventAsync("a b+c", "Go", Arg.Is<object?>(p => IsJson(p, "42")), Arg.Any<CancellationToken>());
    }
}
