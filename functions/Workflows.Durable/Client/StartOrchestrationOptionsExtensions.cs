namespace Workflows.Durable.Client;

/// <summary>Dedupe settings for <see cref="StartOrchestrationOptions"/>.</summary>
public static class StartOrchestrationOptionsExtensions
{
    /// <summary>The statuses that may be used for dedupe.</summary>
    public static IReadOnlyList<OrchestrationRuntimeStatus> ValidDedupeStatuses { get; } =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    /// <summary>Makes the start fail when an instance with the same id is in one of these statuses.</summary>
    public static StartOrchestrationOptions WithDedupeStatuses(this StartOrchestrationOptions options, params OrchestrationRuntimeStatus[] dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        return options with { DedupeStatuses = dedupeStatuses.Select(s => s.ToString()).ToList() };
    }
}
