using Workflows.Durable.Storage;

namespace Workflows.Durable.Worker;

/// <summary>Settings of a durable task worker.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>The converter for inputs, outputs and event payloads.</summary>
    public DataConverter DataConverter { get; set; } = Converters.JsonDataConverter.Default;

    /// <summary>Concurrency limits.</summary>
    public ConcurrencyOptions Concurrency { get; } = new();

    /// <summary>Whether orchestrator state is kept in memory between episodes, so that an episode feeds only new events
    /// instead of replaying the whole history (host.json extendedSessionsEnabled).</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>How many orchestrations at most are kept in memory between episodes; idle instances beyond it cost no memory.</summary>
    public int MaxCachedOrchestrations { get; set; } = 1024;

    /// <summary>How long an orchestration stays in memory without an episode (host.json extendedSessionIdleTimeoutInSeconds).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between polls of the store when idle; work written in this process wakes the worker at once.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the locks of running activities are renewed.</summary>
    public TimeSpan LockRenewalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for running work before releasing its locks.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the store's backlog is read for the <c>durabletask.backlog</c> gauge (15 s); zero turns it off.</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Makes the store the worker uses; set by a Use* method such as UseSqlite.</summary>
    public Func<IServiceProvider, IOrchestrationStore>? StoreFactory { get; set; }

    /// <summary>The problems with these settings, each naming the setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (this.Concurrency.MaximumConcurrentOrchestrationWorkItems < 1)
        {
            errors.Add($"Concurrency.MaximumConcurrentOrchestrationWorkItems must be at least 1, but is {this.Concurrency.MaximumConcurrentOrchestrationWorkItems}.");
        }

        if (this.Concurrency.MaximumConcurrentActivityWorkItems < 1)
        {
            errors.Add($"Concurrency.MaximumConcurrentActivityWorkItems must be at least 1, but is {this.Concurrency.MaximumConcurrentActivityWorkItems}.");
        }

        if (this.MaxCachedOrchestrations < 0)
        {
            errors.Add($"MaxCachedOrchestrations must not be negative, but is {this.MaxCachedOrchestrations}.");
        }

        foreach ((string name, TimeSpan value) in new[]
        {
            (nameof(this.ExtendedSessionIdleTimeout), this.ExtendedSessionIdleTimeout),
            (nameof(this.MaxPollingInterval), this.MaxPollingInterval),
            (nameof(this.LockRenewalInterval), this.LockRenewalInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{name} must be more than zero, but is {value}.");
            }
        }

        if (this.DrainTimeout < TimeSpan.Zero)
        {
            errors.Add($"DrainTimeout must not be negative, but is {this.DrainTimeout}.");
        }

        if (this.StoreFactory is null)
        {
            errors.Add("No store is configured: call UseSqlite (or another Use* method) on the worker's builder.");
        }

        return errors;
    }
}
