using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using Workflows.DurableTask.Http;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

/// <summary>Instance ids with slashes, percent signs, query characters and non-ASCII text through every route of the API.</summary>
public sealed class InstanceIdEscapingApiTests
{
    [Theory]
    [InlineData(false, "orders/42 50%?x=1#é")]
    [InlineData(true, "orders/42 50%?x=1#é")]
    [InlineData(true, "minutes %2F 2026/")]
    [InlineData(true, "委員会/議事録 №7")]
    public async Task An_instance_id_with_reserved_characters_reaches_the_client_intact_through_every_link(bool kestrel, string id)
    {
        await using ManagementApiTestHost host = await CreateAsync(kestrel: kestrel);

        using HttpResponseMessage started = await host.PostAsync($"{Api}/orchestrators/Wait/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        JsonElement payload = await ReadJsonAsync(started);
        Assert.Equal(id, payload.GetProperty("id").GetString());
        await host.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName("Wait"), Arg.Any<object?>(), Arg.Is<StartOrchestrationOptions?>(o => o!.InstanceId == id), Arg.Any<CancellationToken>());
        Uri Link(string name, string? eventName = null) => new(payload.GetProperty(name).GetString()!
            .Replace("{eventName}", eventName, StringComparison.Ordinal)
            .Replace("{text}", "by%20hand", StringComparison.Ordinal));

        host.Has(id, OrchestrationRuntimeStatus.Running, name: "Wait");
        using HttpResponseMessage status = await host.Http.GetAsync(Link("statusQueryGetUri"));
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        Assert.Equal(id, (await ReadJsonAsync(status)).GetProperty("instanceId").GetString());
        Assert.Equal(Link("statusQueryGetUri"), status.Headers.Location);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(Link("sendEventPostUri", "Go"), JsonContent("\"done\""))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(Link("suspendPostUri"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(Link("terminatePostUri"), null)).StatusCode);

        host.Has(id, OrchestrationRuntimeStatus.Suspended, name: "Wait");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(Link("resumePostUri"), null)).StatusCode);

        host.Has(id, OrchestrationRuntimeStatus.Failed, name: "Wait");
        host.Client.RestartAsync(id, true, Arg.Any<CancellationToken>()).Returns("restarted");
        host.Client.PurgeInstanceAsync(id, Arg.Any<CancellationToken>()).Returns(new PurgeResult(1));
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(Link("rewindPostUri"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync(Link("restartPostUri"), null)).StatusCode);
        using HttpResponseMessage purged = await host.Http.DeleteAsync(Link("purgeHistoryDeleteUri"));
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await ReadJsonAsync(purged)).GetProperty("instancesDeleted").GetInt32());

        await host.Client.Received(1).RaiseEventAsync(id, "Go", Arg.Is<object?>(p => IsJson(p, "\"done\"")), Arg.Any<CancellationToken>());
        await host.Client.Received(1).SuspendInstanceAsync(id, "by hand", Arg.Any<CancellationToken>());
        await host.Client.Received(1).TerminateInstanceAsync(id, Arg.Is<TerminateInstanceOptions?>(o => (string?)o!.Output == "by hand"), Arg.Any<CancellationToken>());
        await host.Client.Received(1).ResumeInstanceAsync(id, "by hand", Arg.Any<CancellationToken>());
        await host.Client.Received(1).RewindInstanceAsync(id, "by hand", Arg.Any<CancellationToken>());
        await host.Client.Received(1).RestartAsync(id, true, Arg.Any<CancellationToken>());
        await host.Client.Received(1).PurgeInstanceAsync(id, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_id_with_a_literal_percent_2F_is_told_apart_from_one_with_a_slash(bool kestrel)
    {
        await using ManagementApiTestHost host = await CreateAsync(kestrel: kestrel);
        host.Has("a/b", OrchestrationRuntimeStatus.Completed, output: "\"slash\"");
        host.Has("a%2Fb", OrchestrationRuntimeStatus.Completed, output: "\"percent\"");

        JsonElement slash = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/a%2Fb"));

        Assert.Equal("a/b", slash.GetProperty("instanceId").GetString());
        if (kestrel)
        {
            // Only a real server gives the raw request target that tells "%2F" typed as text from an escaped slash.
            JsonElement percent = await ReadJsonAsync(await host.GetAsync($"{Api}/instances/a%252Fb"));
            Assert.Equal("a%2Fb", percent.GetProperty("instanceId").GetString());
        }
    }

    [Theory]
    [InlineData("/api/instances/plain", "/api/instances/plain", "plain", "plain")]
    [InlineData("/api/instances/a%2Fb/terminate", "/api/instances/a%2Fb/terminate", "a%2Fb", "a/b")]
    [InlineData("/api/instances/a%252Fb%2Fc?x=%2F", "/api/instances/a%2Fb%2Fc", "a%2Fb%2Fc", "a%2Fb/c")]
    [InlineData("/api/instances/50%25%20off", "/api/instances/50% off", "50% off", "50% off")]
    [InlineData("/api/instances/a%2Fb#frag", "/api/instances/a%2Fb", "a%2Fb", "a/b")]
    [InlineData(null, "/api/instances/a%2Fb", "a%2Fb", "a/b")]
    [InlineData("*", "/api/instances/a%2Fb", "a%2Fb", "a/b")]
    [InlineData("/api/extra/instances/a%2Fb", "/api/instances/a%2Fb", "a%2Fb", "a/b")]
    public void A_route_value_is_read_from_the_raw_request_target(string? rawTarget, string path, string routeValue, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = new PathString(path);
        if (rawTarget is not null)
        {
            context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        }

        Assert.Equal(expected, RawRouteValue.Read(context, routeValue));
    }
}
