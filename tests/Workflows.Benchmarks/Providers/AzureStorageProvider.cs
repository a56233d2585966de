using System.Globalization;
using System.Text.Json.Nodes;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Benchmarks.Selection;
using Workflows.DurableTask.AzureStorage;

namespace Workflows.Benchmarks.Providers;

/// <summary>DurableTask.AzureStorage with this service's defaults (<see cref="AzureStorageDefaults"/>) on an Azurite
/// (blob, queue and table) the benchmark starts for the run and stops at the end.</summary>
internal sealed class AzureStorageProvider(string folder) : BenchmarkProvider
{
    private readonly string taskHub = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    private AzuriteProcess? azurite;
    private AzureStorageOrchestrationServiceSettings? settings;

    public override ProviderKind Kind => ProviderKind.AzureStorage;

    public override string Key => "azureStorage";

    /// <summary>Each poll is an HTTP request to Azurite, which already uses most of a core under load.</summary>
    public override TimeSpan PollInterval => TimeSpan.FromMilliseconds(20);

    public override string? ScaleNote =>
        "Azurite serves tens of orchestrations a second on this machine, so Azure Storage runs a tenth or less of the counts (see sizes); its per-10k figures are scaled up from them.";

    public override BenchmarkSizes Scale(BenchmarkSizes sizes) => sizes.ForAzurite();

    public override async Task PrepareAsync(CancellationToken cancellationToken) =>
        this.azurite = await AzuriteProcess.StartAsync(Path.Combine(folder, "azurite"), cancellationToken);

    public override IOrchestrationService Create(IServiceProvider services)
    {
        AzuriteProcess running = this.azurite ?? throw new InvalidOperationException("Azurite is not started.");
        this.settings = AzureStorageDefaults.CreateSettings(running.ConnectionString);
        this.settings.TaskHubName = this.taskHub;
        this.settings.LoggerFactory = services.GetRequiredService<ILoggerFactory>();
        return new AzureStorageOrchestrationService(this.settings);
    }

    public override JsonObject DescribeSettings() => new()
    {
        ["emulator"] = "Azurite (blob, queue, table) on 127.0.0.1",
        ["partitionCount"] = this.settings?.PartitionCount,
        ["maxQueuePollingIntervalSeconds"] = this.settings?.MaxQueuePollingInterval.TotalSeconds,
        ["maxConcurrentOrchestrations"] = this.settings?.MaxConcurrentTaskOrchestrationWorkItems,
        ["maxConcurrentActivities"] = this.settings?.MaxConcurrentTaskActivityWorkItems,
        ["extendedSessions"] = this.settings?.ExtendedSessionsEnabled,
    };

    public override async ValueTask DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
