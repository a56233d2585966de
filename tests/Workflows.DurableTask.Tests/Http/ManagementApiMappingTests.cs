using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using Workflows.DurableTask.Http;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class ManagementApiMappingTests
{
    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "orchestrators/Echo" },
        { "POST", "orchestrators/Echo/id-1" },
        { "GET", "instances" },
        { "DELETE", "instances?createdTimeFrom=2000-01-01" },
        { "GET", "instances/id-1" },
        { "DELETE", "instances/id-1" },
        { "POST", "instances/id-1/raiseEvent/Go" },
        { "POST", "instances/id-1/terminate" },
        { "POST", "instances/id-1/suspend" },
        { "POST", "instances/id-1/resume" },
        { "POST", "instances/id-1/rewind" },
        { "POST", "instances/id-1/restart" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_filter_added_to_the_returned_group_guards_every_route(string method, string route)
    {
        await using ManagementApiTestHost host = await CreateAsync(prefix: null, map: app => app
            .MapDurableTaskManagementApi("/ops/")
            .AddEndpointFilter((context, next) => context.HttpContext.Request.Headers.ContainsKey("x-admin")
                ? next(context)
                : ValueTask.FromResult<object?>(Results.StatusCode(StatusCodes.Status401Unauthorized))));
        host.Has("id-1", OrchestrationRuntimeStatus.Failed);
        host.Client.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>())
            .Returns(Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>([]))));
        host.Client.PurgeInstanceAsync("id-1", Arg.Any<CancellationToken>()).Returns(new PurgeResult(1));
        host.Client.PurgeAllInstancesAsync(Arg.Any<PurgeInstancesFilter>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(1));

        using var refused = new HttpRequestMessage(new HttpMethod(method), new Uri("/ops/" + route, UriKind.Relative));
        using HttpResponseMessage withoutKey = await host.Http.SendAsync(refused);
        using var allowed = new HttpRequestMessage(new HttpMethod(method), new Uri("/ops/" + route, UriKind.Relative));
        allowed.Headers.Add("x-admin", "yes");
        using HttpResponseMessage withKey = await host.Http.SendAsync(allowed);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, withKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.NotFound, withKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, withKey.StatusCode);
    }

    [Theory]
    [InlineData("ops", "/ops")]
    [InlineData(" /ops/durable/ ", "/ops/durable")]
    [InlineData("/", "/")]
    public async Task The_prefix_is_normalized(string prefix, string expectedBase)
    {
        await using ManagementApiTestHost host = await CreateAsync(prefix: prefix);
        host.Has("id-1", OrchestrationRuntimeStatus.Completed);

        using HttpResponseMessage response = await host.GetAsync(expectedBase.TrimEnd('/') + "/instances/id-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
