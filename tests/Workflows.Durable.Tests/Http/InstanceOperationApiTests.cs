using System.Net;
using System.Text;
using System.Text.Json;
using Workflows.Durable.Client;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

public sealed class InstanceOperationApiTests
{
    [Fact]
    public async Task Raise_event_is_202_and_delivers_the_json_body()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait");

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/{id}/raiseEvent/Go", """{"approved":true,"by":"Ana"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"approved":true,"by":"Ana"}""", (await host.WaitAsync(id)).SerializedOutput);
    }

    [Fact]
    public async Task Raise_event_is_404_for_unknown_400_for_a_body_that_is_not_json_and_410_once_finished()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait");

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/raiseEvent/Go", "1"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/raiseEvent/Go", "{\"approved\":"), HttpStatusCode.BadRequest);
        using var text = new StringContent("\"yes\"", Encoding.UTF8, "text/plain");
        await ProblemAssert.IsProblemAsync(await host.Http.PostAsync(new Uri($"{Api}/instances/{id}/raiseEvent/Go", UriKind.Relative), text), HttpStatusCode.BadRequest);
        await Task.Delay(200);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/{id}/raiseEvent/Go", "\"go\"")).StatusCode);
        await host.WaitAsync(id);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/raiseEvent/Go", "\"again\""), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Terminate_is_202_the_reason_becomes_the_output_and_then_it_is_410()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait");

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/{id}/terminate?reason=operator%20said%20so");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync(id)).RuntimeStatus);
        using HttpResponseMessage status = await host.GetAsync($"{Api}/instances/{id}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        JsonElement body = await ReadJsonAsync(status);
        Assert.Equal("Terminated", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("operator said so", body.GetProperty("output").GetString());
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/terminate"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/terminate"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Suspend_holds_the_instance_and_resume_releases_it_each_410_in_the_wrong_state()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait");
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/resume"), HttpStatusCode.Gone);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/{id}/suspend?reason=maintenance")).StatusCode);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        using HttpResponseMessage suspended = await host.GetAsync($"{Api}/instances/{id}");
        Assert.Equal(HttpStatusCode.Accepted, suspended.StatusCode);
        Assert.Equal("Suspended", (await ReadJsonAsync(suspended)).GetProperty("runtimeStatus").GetString());
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/suspend"), HttpStatusCode.Gone);

        // An event raised while suspended waits for the resume.
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/{id}/raiseEvent/Go", "\"held\"")).StatusCode);
        await Task.Delay(300);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/{id}/resume?reason=done")).StatusCode);
        Assert.Equal("\"held\"", (await host.WaitAsync(id)).SerializedOutput);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/suspend"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/resume"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/suspend"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/resume"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rewind_runs_a_failed_instance_again_and_is_410_for_one_that_did_not_fail()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("FailsOnce", instanceId: "rewind-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.WaitAsync(id)).RuntimeStatus);

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/{id}/rewind?reason=fixed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("\"ok after rewind\"", done.SerializedOutput);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/rewind"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/rewind"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restart_starts_a_finished_instance_again_under_a_new_id_by_default_or_the_same_one()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Echo", "\"again\"", "restart-me");
        await host.WaitAsync(id);

        using HttpResponseMessage response = await host.PostAsync($"{Api}/instances/{id}/restart");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement payload = await ReadJsonAsync(response);
        string newId = payload.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.Equal($"http://localhost{Api}/instances/{newId}", payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), response.Headers.Location);
        Assert.Equal("\"again\"", (await host.WaitAsync(newId)).SerializedOutput);

        DateTimeOffset before = (await host.Client.GetInstanceAsync(id))!.CreatedAt;
        using HttpResponseMessage same = await host.PostAsync($"{Api}/instances/{id}/restart?restartWithNewInstanceId=false");
        Assert.Equal(HttpStatusCode.Accepted, same.StatusCode);
        Assert.Equal(id, (await ReadJsonAsync(same)).GetProperty("id").GetString());
        OrchestrationMetadata rerun = await host.WaitAsync(id);
        Assert.Equal("\"again\"", rerun.SerializedOutput);
        Assert.True(rerun.CreatedAt >= before);
    }

    [Fact]
    public async Task Restart_is_410_while_live_404_when_unknown_and_400_for_a_bad_flag()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait");

        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/restart"), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/nobody/restart"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.PostAsync($"{Api}/instances/{id}/restart?restartWithNewInstanceId=sure"), HttpStatusCode.BadRequest, "restartWithNewInstanceId");
    }
}
