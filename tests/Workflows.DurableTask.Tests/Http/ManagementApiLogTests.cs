using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using NSubstitute;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class ManagementApiLogTests
{
    private const string Category = "Workflows.DurableTask.Http.ManagementApi";

    [Fact]
    public async Task Every_request_that_changes_state_is_on_record_and_reads_and_refusals_are_not()
    {
        var logs = new RecordingLoggerProvider();
        await using ManagementApiTestHost host = await CreateAsync(logs: logs);
        host.Has("running", OrchestrationRuntimeStatus.Running);
        host.Has("done", OrchestrationRuntimeStatus.Completed);
        host.Client.RestartAsync("done", true, Arg.Any<CancellationToken>()).Returns("done-again");
        host.Client.PurgeInstanceAsync("done", Arg.Any<CancellationToken>()).Returns(new PurgeResult(1));
        host.Client.PurgeAllInstancesAsync(Arg.Any<PurgeInstancesFilter>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(3));

        await host.GetAsync($"{Api}/instances/running");
        await host.PostAsync($"{Api}/instances/done/terminate");
        await host.PostAsync($"{Api}/orchestrators/Echo/bad", "{nope");
        Assert.DoesNotContain(logs.Lines, l => l.Category == Category);

        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/orchestrators/Echo/new-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/running/raiseEvent/Go", "1")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/running/terminate?reason=secret%20reason")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostAsync($"{Api}/instances/done/restart")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.DeleteAsync($"{Api}/instances/done")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.DeleteAsync($"{Api}/instances?createdTimeFrom=2000-01-01")).StatusCode);

        (string Category, LogLevel Level, EventId EventId, string Message)[] lines = logs.Lines.Where(l => l.Category == Category).ToArray();
        Assert.Equal([1200, 1201, 1202, 1203, 1204, 1204], lines.Select(l => l.EventId.Id));
        Assert.All(lines, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.Equal("Management API started orchestration 'Echo' as instance 'new-1'.", lines[0].Message);
        Assert.Equal("Management API requested terminate of instance 'running'.", lines[2].Message);
        Assert.Equal("Management API restarted instance 'done' as 'done-again'.", lines[3].Message);
        Assert.Equal("Management API purged 3 instance(s) (filter).", lines[5].Message);
        Assert.DoesNotContain(lines, l => l.Message.Contains("secret reason", StringComparison.Ordinal));
    }
}
