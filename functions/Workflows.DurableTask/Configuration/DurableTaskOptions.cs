namespace Workflows.DurableTask.Configuration;

/// <summary>host.json's <c>extensions.durableTask</c> settings, under the names Durable Functions documents.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>Where a Functions-style host puts host.json: under <c>AzureFunctionsJobHost</c>.</summary>
    public const string SectionName = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary><c>hubName</c>: the task hub's name; one task hub per app and store. Default <c>Workflows</c>.</summary>
    public string HubName { get; set; } = "Workflows";

    /// <summary><c>storageProvider</c>: which store holds the task hub, and its settings.</summary>
    public StorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary><c>maxConcurrentOrchestratorFunctions</c>: orchestration work items one worker runs at once; the
    /// provider's default when not set.</summary>
    public int? MaxConcurrentOrchestratorFunctions { get; set; }

    /// <summary><c>maxConcurrentActivityFunctions</c>: activities one worker runs at once; the provider's default when not set.</summary>
    public int? MaxConcurrentActivityFunctions { get; set; }

    /// <summary><c>extendedSessionsEnabled</c>: whether orchestrations stay in memory between episodes.</summary>
    public bool? ExtendedSessionsEnabled { get; set; }

    /// <summary><c>extendedSessionIdleTimeoutInSeconds</c>: how long an idle orchestration stays in memory.</summary>
    public int? ExtendedSessionIdleTimeoutInSeconds { get; set; }
}
