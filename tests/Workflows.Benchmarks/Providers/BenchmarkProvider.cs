using System.Text.Json.Nodes;
using DurableTask.Core;
using Workflows.Benchmarks.Selection;

namespace Workflows.Benchmarks.Providers;

/// <summary>An orchestration service the scenarios run on, with whatever it needs around it (a file, an emulator).</summary>
internal abstract class BenchmarkProvider : IAsyncDisposable
{
    public abstract ProviderKind Kind { get; }

    /// <summary>The provider's section name in the JSON result.</summary>
    public abstract string Key { get; }

    /// <summary>How often the scenarios poll an instance's status while they wait for it: often enough not to blur
    /// the figures, rarely enough not to load the store.</summary>
    public virtual TimeSpan PollInterval => TimeSpan.FromMilliseconds(1);

    /// <summary>Why the sizes differ from the run's, or null when they do not.</summary>
    public virtual string? ScaleNote => null;

    /// <summary>The sizes this provider runs the scenarios with.</summary>
    public virtual BenchmarkSizes Scale(BenchmarkSizes sizes) => sizes;

    /// <summary>Starts what the service needs (called once, before the host starts).</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes the one service the host's worker and client share.</summary>
    public abstract IOrchestrationService Create(IServiceProvider services);

    /// <summary>The settings the service runs with, for the report.</summary>
    public abstract JsonObject DescribeSettings();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
