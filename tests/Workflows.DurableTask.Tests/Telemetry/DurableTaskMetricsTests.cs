using System.Diagnostics.Metrics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Telemetry;
using Workflows.DurableTask.Tests.Sqlite;

namespace Workflows.DurableTask.Tests.Telemetry;

public sealed class DurableTaskMetricsTests : IDisposable
{
    private readonly SqliteTestFile file = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task The_gauges_report_the_backlog_and_the_instances_by_status_of_the_last_sample()
    {
        using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { ConnectionString = this.file.ConnectionString });
        await service.CreateIfNotExistsAsync();
        await using var client = new OrchestrationServiceDurableTaskClient("metrics", service);
        for (int i = 0; i < 3; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("Waits", input: i);
        }

        using var metrics = new DurableTaskMetrics(this.services.GetRequiredService<IMeterFactory>());
        Assert.Empty(Collect());

        await metrics.SampleAsync(service, DateTimeOffset.UtcNow, CancellationToken.None);
        List<(string Name, long Value, string? Status)> measured = Collect();

        // No worker runs: each start is an orchestration message due now, and each instance is Pending.
        Assert.Contains(("durabletask.backlog.orchestration_messages", 3L, null), measured);
        Assert.Contains(("durabletask.backlog.activity_tasks", 0L, null), measured);
        Assert.Contains(("durabletask.instances", 3L, "Pending"), measured);
        Assert.NotNull(metrics.SampledAt);
    }

    [Fact]
    public async Task A_store_without_backlog_or_counts_is_not_asked_and_publishes_nothing()
    {
        IInstanceQueryPort port = Substitute.For<IInstanceQueryPort>();
        port.Capabilities.Returns(InstanceQueryCapabilities.OrderByCreatedTime);
        using var metrics = new DurableTaskMetrics(this.services.GetRequiredService<IMeterFactory>());

        await metrics.SampleAsync(port, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Empty(Collect());
        await port.DidNotReceiveWithAnyArgs().GetBacklogAsync(default);
        await port.DidNotReceiveWithAnyArgs().CountInstancesAsync(default!, default);
    }

    public void Dispose()
    {
        this.services.Dispose();
        this.file.Dispose();
    }

    private static List<(string Name, long Value, string? Status)> Collect()
    {
        var measured = new List<(string, long, string?)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DurableTaskMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? status = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                status = tag.Key == "status" ? tag.Value as string : status;
            }

            measured.Add((instrument.Name, value, status));
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }
}
