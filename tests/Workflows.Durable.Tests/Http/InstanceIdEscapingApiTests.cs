using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Workflows.Durable.Http;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

/// <summary>Instance ids with slashes, percent signs and query characters through the management API's links.</summary>
public sealed class InstanceIdEscapingApiTests
{
    [Theory]
    [InlineData(false, "orders/42 50%?x=1#é")]
    [InlineData(true, "orders/42 50%?x=1#é")]
    [InlineData(true, "minutes %2F 2026/")]
    public async Task An_instance_id_with_reserved_characters_works_through_every_link_of_its_check_status_payload(bool kestrel, string id)
    {
        await using ManagementApiTestHost host = await CreateAsync(kestrel: kestrel);

        using HttpResponseMessage started = await host.PostAsync($"{Api}/orchestrators/Wait/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        JsonElement payload = await ReadJsonAsync(started);
        Assert.Equal(id, payload.GetProperty("id").GetString());
        await host.Client.WaitForInstanceStartAsync(id);

        using HttpResponseMessage status = await host.Http.GetAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!));
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        Assert.Equal(id, (await ReadJsonAsync(status)).GetProperty("instanceId").GetString());

        string raise = payload.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "Go", StringComparison.Ordinal);
        using HttpResponseMessage raised = await host.Http.PostAsync(new Uri(raise), JsonContent("\"done\""));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        Assert.Equal("\"done\"", (await host.WaitAsync(id)).SerializedOutput);

        using HttpResponseMessage purged = await host.Http.DeleteAsync(new Uri(payload.GetProperty("purgeHistoryDeleteUri").GetString()!));
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await ReadJsonAsync(purged)).GetProperty("instancesDeleted").GetInt32());
        Assert.Null(await host.Client.GetInstanceAsync(id));
    }

    [Theory]
    [InlineData("/api/instances/plain", "/api/instances/plain", "plain", "plain")]
    [InlineData("/api/instances/a%2Fb/terminate", "/api/instances/a%2Fb/terminate", "a%2Fb", "a/b")]
    [InlineData("/api/instances/a%252Fb%2Fc?x=%2F", "/api/instances/a%2Fb%2Fc", "a%2Fb%2Fc", "a%2Fb/c")]
    [InlineData("/api/instances/50%25%20off", "/api/instances/50% off", "50% off", "50% off")]
    [InlineData(null, "/api/instances/a%2Fb", "a%2Fb", "a/b")]
    [InlineData("*", "/api/instances/a%2Fb", "a%2Fb", "a/b")]
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
