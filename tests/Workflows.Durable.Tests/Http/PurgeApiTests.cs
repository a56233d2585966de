using System.Net;
using Workflows.Durable.Client;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

public sealed class PurgeApiTests
{
    [Fact]
    public async Task Purge_of_a_finished_instance_is_200_with_the_count_and_then_it_is_gone()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartAsync("Echo", "1");
        await host.WaitAsync(id);

        using HttpResponseMessage response = await host.DeleteAsync($"{Api}/instances/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"instancesDeleted":1}""", await response.Content.ReadAsStringAsync());
        Assert.Null(await host.Client.GetInstanceAsync(id));
        await ProblemAssert.IsProblemAsync(await host.GetAsync($"{Api}/instances/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_of_a_live_instance_is_412_and_keeps_it()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        string id = await host.StartRunningAsync("Wait");

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/{id}"), HttpStatusCode.PreconditionFailed);

        Assert.NotNull(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Purge_by_filter_needs_createdTimeFrom_deletes_finished_matches_and_is_404_when_none()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        await host.WaitAsync(await host.StartAsync("Echo", "1"));
        await host.WaitAsync(await host.StartAsync("Echo", "2"));
        await host.WaitAsync(await host.StartAsync("Fails"));
        string live = await host.StartRunningAsync("Wait");

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances"), HttpStatusCode.BadRequest, "createdTimeFrom");
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances?createdTimeFrom=soon"), HttpStatusCode.BadRequest, "createdTimeFrom");
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01&runtimeStatus=Done"), HttpStatusCode.BadRequest, "runtimeStatus");
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01&createdTimeTo=2000-01-02"), HttpStatusCode.NotFound);

        using HttpResponseMessage failed = await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01T00:00:00Z&runtimeStatus=Failed");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("""{"instancesDeleted":1}""", await failed.Content.ReadAsStringAsync());

        using HttpResponseMessage rest = await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01T00:00:00Z");
        Assert.Equal("""{"instancesDeleted":2}""", await rest.Content.ReadAsStringAsync());

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01T00:00:00Z"), HttpStatusCode.NotFound);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(live))!.RuntimeStatus);
    }
}
