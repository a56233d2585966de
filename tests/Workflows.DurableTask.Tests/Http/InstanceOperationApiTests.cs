using System.Net;
using System.Text;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Workflows.DurableTask.Client;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class InstanceOperationApiTests
{
    [Fact]
    public async Task Raise_event_is_202_and_delivers_the_json_body()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("waiting", OrchestrationRuntimeStatus.Running, name: "Wait");

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/waiting/raiseEvent/Go", """{"approved":true,"by":"Ana"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Client.Received(1).RaiseEventAsync("waiting", "Go", Arg.Is<object?>(p => IsJson(p, """{"approved":true,"by":"Ana"}""")), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task Raise_event_without_a_body_reaches_a_pending_or_suspended_instance_with_no_payload(OrchestrationRuntimeStatus status)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("held", status);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/held/raiseEvent/Go")).StatusCode);

        await host.Client.Received(1).RaiseEventAsync("held", "Go", Arg.Is<object?>(p => p == null), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Raise_event_is_404_for_unknown_400_for_a_body_that_is_not_json_and_410_once_finished_and_raises_nothing()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("waiting", OrchestrationRuntimeStatus.Running);
        host.Has("done", OrchestrationRuntimeStatus.Completed);

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/raiseEvent/Go", "1"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/waiting/raiseEvent/Go", "{\"approved\":"), HttpStatusCode.BadRequest);
        using var text = new StringContent("\"yes\"", Encoding.UTF8, "text/plain");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsync(new Uri($"{Api}/instances/waiting/raiseEvent/Go", UriKind.Relative), text), HttpStatusCode.BadRequest);
        JsonElement gone = await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/done/raiseEvent/Go", "\"again\""), HttpStatusCode.Gone);

        Assert.Contains("Completed", gone.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await host.Client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task Raise_event_and_suspend_are_409_with_retry_after_when_the_store_would_discard_a_message_to_an_instance_not_started()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("held", OrchestrationRuntimeStatus.Pending);
        host.Client.RaiseEventAsync("held", "Go", Arg.Any<object?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InstanceNotStartedException("held", TimeSpan.FromSeconds(4.2), "Instance 'held' has not started within 10 s."));
        host.Client.SuspendInstanceAsync("held", Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InstanceNotStartedException("held", TimeSpan.FromMinutes(90), "Instance 'held' is scheduled to start later."));

        using HttpResponseMessage raise = await host.PostAsync($"{Api}/instances/held/raiseEvent/Go", "1");
        JsonElement problem = await ProblemAssert.IsProblemAsync(raise, HttpStatusCode.Conflict);
        using HttpResponseMessage suspend = await host.PostAsync($"{Api}/instances/held/suspend");
        await ProblemAssert.IsProblemAsync(suspend, HttpStatusCode.Conflict);

        Assert.Contains("has not started", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, RetryAfterSeconds(raise));
        Assert.Equal(5400, RetryAfterSeconds(suspend));
    }

    [Fact]
    public async Task Raise_event_accepts_a_json_media_type_with_a_suffix()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("waiting", OrchestrationRuntimeStatus.Running);
        using var content = new StringContent("\"ok\"", Encoding.UTF8, "application/vnd.approval+json");

        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(new Uri($"{Api}/instances/waiting/raiseEvent/Go", UriKind.Relative), content)).StatusCode);
    }

    [Fact]
    public async Task Terminate_is_202_and_the_reason_becomes_the_output()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("waiting", OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/waiting/terminate?reason=operator%20said%20so");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Client.Received(1).TerminateInstanceAsync(
            "waiting", Arg.Is<TerminateInstanceOptions?>(o => (string?)o!.Output == "operator said so" && !o.Recursive), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Terminate_is_410_once_finished_and_404_when_unknown()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("done", OrchestrationRuntimeStatus.Terminated);

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/done/terminate"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/terminate"), HttpStatusCode.NotFound);

        await host.Client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task Suspend_applies_to_a_running_or_pending_instance_with_its_reason()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("running", OrchestrationRuntimeStatus.Running);
        host.Has("pending", OrchestrationRuntimeStatus.Pending);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/running/suspend?reason=maintenance")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/pending/suspend")).StatusCode);

        await host.Client.Received(1).SuspendInstanceAsync("running", "maintenance", Arg.Any<CancellationToken>());
        await host.Client.Received(1).SuspendInstanceAsync("pending", null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Resume_applies_to_a_suspended_instance_with_its_reason()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("held", OrchestrationRuntimeStatus.Suspended);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/held/resume?reason=done")).StatusCode);

        await host.Client.Received(1).ResumeInstanceAsync("held", "done", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Suspend_and_resume_are_410_in_the_wrong_state_and_404_when_unknown()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("running", OrchestrationRuntimeStatus.Running);
        host.Has("held", OrchestrationRuntimeStatus.Suspended);
        host.Has("done", OrchestrationRuntimeStatus.Completed);

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/running/resume"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/held/suspend"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/done/suspend"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/done/resume"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/suspend"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/resume"), HttpStatusCode.NotFound);

        await host.Client.DidNotReceiveWithAnyArgs().SuspendInstanceAsync(default!, default, default);
        await host.Client.DidNotReceiveWithAnyArgs().ResumeInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task Rewind_of_a_failed_instance_is_202_with_its_reason()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("failed", OrchestrationRuntimeStatus.Failed);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/failed/rewind?reason=fixed")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/failed/rewind")).StatusCode);

        await host.Client.Received(1).RewindInstanceAsync("failed", "fixed", Arg.Any<CancellationToken>());
        await host.Client.Received(1).RewindInstanceAsync("failed", string.Empty, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Rewind_is_410_for_an_instance_that_did_not_fail_and_404_when_unknown()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("done", OrchestrationRuntimeStatus.Completed);
        host.Has("running", OrchestrationRuntimeStatus.Running);

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/done/rewind"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/running/rewind"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/rewind"), HttpStatusCode.NotFound);

        await host.Client.DidNotReceiveWithAnyArgs().RewindInstanceAsync(default!, default!, default);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("provider")]
    public async Task Rewind_on_a_store_that_cannot_rewind_is_501(string refuser)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("failed", OrchestrationRuntimeStatus.Failed);
        Exception refusal = refuser == "client" ? new NotSupportedException("client says no") : new NotImplementedException("provider says no");
        host.Client.RewindInstanceAsync("failed", Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(refusal);

        JsonElement problem = await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/failed/rewind"), HttpStatusCode.NotImplemented);

        Assert.Contains("rewind", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("says no", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewind_raced_by_another_change_is_410_or_404()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("rewound", OrchestrationRuntimeStatus.Failed);
        host.Has("purged", OrchestrationRuntimeStatus.Failed);
        host.Client.RewindInstanceAsync("rewound", Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("not failed any more"));
        host.Client.RewindInstanceAsync("purged", Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ArgumentException("no such instance"));

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/rewound/rewind"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/purged/rewind"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restart_starts_a_finished_instance_again_under_a_new_id_by_default()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("restart-me", OrchestrationRuntimeStatus.Completed);
        host.Client.RestartAsync("restart-me", true, Arg.Any<CancellationToken>()).Returns("restarted-1");

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/restart-me/restart");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement payload = await ReadJsonAsync(response);
        Assert.Equal("restarted-1", payload.GetProperty("id").GetString());
        Assert.Equal($"http://localhost{Api}/instances/restarted-1", payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), response.Headers.Location);
        Assert.Equal(10, RetryAfterSeconds(response));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Restart_with_restartWithNewInstanceId_false_keeps_the_id(OrchestrationRuntimeStatus status)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("again", status);
        host.Client.RestartAsync("again", false, Arg.Any<CancellationToken>()).Returns("again");

        using HttpResponseMessage same = await host.PostAsync($"{Api}/instances/again/restart?restartWithNewInstanceId=false");

        Assert.Equal(HttpStatusCode.Accepted, same.StatusCode);
        Assert.Equal("again", (await ReadJsonAsync(same)).GetProperty("id").GetString());
        await host.Client.Received(1).RestartAsync("again", false, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Restart_is_410_while_live_404_when_unknown_and_400_for_a_bad_flag()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("running", OrchestrationRuntimeStatus.Running);

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/running/restart"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/restart"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/running/restart?restartWithNewInstanceId=sure"), HttpStatusCode.BadRequest, "restartWithNewInstanceId");

        await host.Client.DidNotReceiveWithAnyArgs().RestartAsync(default!, default, default);
    }

    [Fact]
    public async Task Restart_refused_by_the_client_is_409_410_404_or_501()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        foreach (string id in new[] { "exists", "raced", "purged", "unsupported" })
        {
            host.Has(id, OrchestrationRuntimeStatus.Completed);
        }

        host.Client.RestartAsync("exists", Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new OrchestrationAlreadyExistsException("An orchestration with instance ID 'exists' already exists"));
        host.Client.RestartAsync("raced", Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("restarted already"));
        host.Client.RestartAsync("purged", Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ArgumentException("not found"));
        host.Client.RestartAsync("unsupported", Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new NotSupportedException("no restart"));

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/exists/restart?restartWithNewInstanceId=false"), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/raced/restart"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/purged/restart"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/unsupported/restart"), HttpStatusCode.NotImplemented);
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    public async Task An_operation_the_client_refuses_because_the_instance_changed_is_410_with_its_new_status(string operation)
    {
        await using ManagementApiTestHost host = await CreateAsync();

        // The instance finishes while the request is handled: read as running, refused by the client, then read as completed.
        host.Client.GetInstanceAsync("changing", Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(
            new OrchestrationMetadata("Echo", "changing") { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            new OrchestrationMetadata("Echo", "changing") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });
        var refusal = new InvalidOperationException("The instance is not running.");
        host.Client.TerminateInstanceAsync("changing", Arg.Any<TerminateInstanceOptions?>(), Arg.Any<CancellationToken>()).ThrowsAsync(refusal);
        host.Client.SuspendInstanceAsync("changing", Arg.Any<string?>(), Arg.Any<CancellationToken>()).ThrowsAsync(refusal);

        JsonElement problem = await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/changing/{operation}"), HttpStatusCode.Gone);

        Assert.Contains("Completed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
