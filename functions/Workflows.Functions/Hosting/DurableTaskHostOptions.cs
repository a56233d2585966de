namespace Workflows.Functions.Hosting;

/// <summary>The <c>extensions.durableTask</c> settings of host.json, in the Durable Functions key names.</summary>
public sealed class DurableTaskHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = FunctionsHostConfiguration.HostJsonSection + ":extensions:durableTask";

    /// <summary>The task hub's name; one store holds one task hub.</summary>
    public string HubName { get; set; } = "Workflows";

    /// <summary>Which store holds the task hub, and where.</summary>
    public DurableStorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>Orchestration episodes run at once; the engine's default (10 per processor) when not set.</summary>
    public int? MaxConcurrentOrchestratorFunctions { get; set; }

    /// <summary>Activities run at once; the engine's default (10 per processor) when not set.</summary>
    public int? MaxConcurrentActivityFunctions { get; set; }

    /// <summary>Whether orchestrations stay in memory between episodes.</summary>
    public bool? ExtendedSessionsEnabled { get; set; }

    /// <summary>How long, in seconds, an idle orchestration stays in memory.</summary>
    public int? ExtendedSessionIdleTimeoutInSeconds { get; set; }
}
