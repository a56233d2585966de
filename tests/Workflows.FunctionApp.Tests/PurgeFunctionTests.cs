using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Workflows.Functions;
using Workflows.Governance.Maintenance;

namespace Workflows.FunctionApp.Tests;

public sealed class PurgeFunctionTests
{
    [Fact]
    public async Task The_timer_purges_finished_instances_created_before_the_retention_and_nothing_live()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero));
        var options = Substitute.For<IOptionsMonitor<InstancePurgeOptions>>();
        options.CurrentValue.Returns(new InstancePurgeOptions { RetentionDays = 30 });
        DurableTaskClient client = Substitute.For<DurableTaskClient>("functions");
        PurgeInstancesFilter? filter = null;
        client.PurgeAllInstancesAsync(Arg.Do<PurgeInstancesFilter>(f => filter = f), Arg.Any<CancellationToken>()).Returns(new PurgeResult(4));
        var function = new PurgeFunction(new InstancePurge(options, clock, NullLogger<InstancePurge>.Instance));

        await function.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), client, CancellationToken.None);

        Assert.NotNull(filter);
        Assert.Null(filter.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 3, 0, 0, TimeSpan.Zero), filter.CreatedTo);
        Assert.Equal([OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], filter.Statuses);
    }

    [Fact]
    public void A_retention_below_one_day_stops_the_start()
    {
        using var app = new FunctionTestContext(new Dictionary<string, string?> { ["Purge:RetentionDays"] = "0" });

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<InstancePurgeOptions>>().Value);

        Assert.Contains("Purge:RetentionDays must be from 1 to 36500.", e.Message, StringComparison.Ordinal);
    }
}
