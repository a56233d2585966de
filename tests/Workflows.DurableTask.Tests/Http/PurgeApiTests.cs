using System.Net;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class PurgeApiTests
{
    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Purge_of_a_finished_instance_is_200_with_the_count(OrchestrationRuntimeStatus status)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("finished", status);
        host.Client.PurgeInstanceAsync("finished", Arg.Any<CancellationToken>()).Returns(new PurgeResult(1));

        using HttpResponseMessage response = await host.DeleteAsync($"{Api}/instances/finished");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", MediaType(response));
        Assert.Equal("""{"instancesDeleted":1}""", await response.Content.ReadAsStringAsync());
        await host.Client.Received(1).PurgeInstanceAsync("finished", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Purge_of_an_unknown_instance_or_one_the_store_no_longer_has_is_404()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("vanished", OrchestrationRuntimeStatus.Completed);
        host.Client.PurgeInstanceAsync("vanished", Arg.Any<CancellationToken>()).Returns(new PurgeResult(0));

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/nobody"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/vanished"), HttpStatusCode.NotFound);

        await host.Client.DidNotReceive().PurgeInstanceAsync("nobody", Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task Purge_of_a_live_instance_is_412_and_purges_nothing(OrchestrationRuntimeStatus status)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("live", status);

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/live"), HttpStatusCode.PreconditionFailed);

        await host.Client.DidNotReceiveWithAnyArgs().PurgeInstanceAsync(default!, default(CancellationToken));
    }

    [Fact]
    public async Task Purge_of_an_instance_restarted_while_it_was_read_is_412()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("raced", OrchestrationRuntimeStatus.Completed);
        host.Client.PurgeInstanceAsync("raced", Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("Only orchestrations in a terminal state can be purged"));

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/raced"), HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Purge_by_filter_passes_the_filter_and_answers_with_the_count()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        PurgeInstancesFilter? asked = null;
        host.Client.PurgeAllInstancesAsync(Arg.Do<PurgeInstancesFilter>(f => asked = f), Arg.Any<CancellationToken>()).Returns(new PurgeResult(2));

        using HttpResponseMessage response = await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01&createdTimeTo=2026-12-03T09:00:00Z&runtimeStatus=Failed,Terminated");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"instancesDeleted":2}""", await response.Content.ReadAsStringAsync());
        Assert.NotNull(asked);
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), asked.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), asked.CreatedTo);
        Assert.Equal([OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], asked.Statuses);
    }

    [Fact]
    public async Task Purge_by_filter_with_no_match_is_404()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Client.PurgeAllInstancesAsync(Arg.Any<PurgeInstancesFilter>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(0));

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01&createdTimeTo=2000-01-02"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("", "createdTimeFrom")]
    [InlineData("?createdTimeTo=2026-01-01", "createdTimeFrom")]
    [InlineData("?createdTimeFrom=soon", "createdTimeFrom")]
    [InlineData("?createdTimeFrom=2000-01-01&createdTimeTo=later", "createdTimeTo")]
    [InlineData("?createdTimeFrom=2000-01-01&runtimeStatus=Done", "runtimeStatus")]
    public async Task Purge_by_filter_needs_a_valid_createdTimeFrom_and_valid_values_and_purges_nothing_otherwise(string query, string parameter)
    {
        await using ManagementApiTestHost host = await CreateAsync();

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances{query}"), HttpStatusCode.BadRequest, parameter);

        Assert.Empty(host.Client.ReceivedCalls());
    }

    [Fact]
    public async Task Purge_on_a_store_that_cannot_purge_is_501()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Has("finished", OrchestrationRuntimeStatus.Completed);
        host.Client.PurgeInstanceAsync("finished", Arg.Any<CancellationToken>()).ThrowsAsync(new NotSupportedException());
        host.Client.PurgeAllInstancesAsync(Arg.Any<PurgeInstancesFilter>(), Arg.Any<CancellationToken>()).ThrowsAsync(new NotSupportedException());

        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances/finished"), HttpStatusCode.NotImplemented);
        await ProblemAssert.IsProblemAsync(await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01"), HttpStatusCode.NotImplemented);
    }
}
