using System.Text.Json.Nodes;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Benchmarks.Selection;

namespace Workflows.Benchmarks.Providers;

/// <summary>InProcessTestHost's <see cref="InMemoryOrchestrationService"/>: no storage at all, so what it reaches is
/// the ceiling of DurableTask.Core and the SDK themselves in this process.</summary>
internal sealed class InMemoryProvider : BenchmarkProvider
{
    private int maxOrchestrations;
    private int maxActivities;

    public override ProviderKind Kind => ProviderKind.InMemory;

    public const string SectionKey = "inMemory";

    public override string Key => SectionKey;

    public override IOrchestrationService Create(IServiceProvider services)
    {
        var service = new InMemoryOrchestrationService(services.GetRequiredService<ILoggerFactory>());
        this.maxOrchestrations = service.MaxConcurrentTaskOrchestrationWorkItems;
        this.maxActivities = service.MaxConcurrentTaskActivityWorkItems;
        return service;
    }

    public override JsonObject DescribeSettings() => new()
    {
        ["package"] = "Microsoft.DurableTask.InProcessTestHost 0.2.3-preview.1",
        ["maxConcurrentOrchestrations"] = this.maxOrchestrations,
        ["maxConcurrentActivities"] = this.maxActivities,
    };
}
