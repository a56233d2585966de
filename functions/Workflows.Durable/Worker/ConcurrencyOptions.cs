namespace Workflows.Durable.Worker;

/// <summary>How much work a worker runs at once.</summary>
public sealed class ConcurrencyOptions
{
    /// <summary>Activities run at once (host.json maxConcurrentActivityFunctions).</summary>
    public int MaximumConcurrentActivityWorkItems { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Orchestration episodes run at once (host.json maxConcurrentOrchestratorFunctions).</summary>
    public int MaximumConcurrentOrchestrationWorkItems { get; set; } = 10 * Environment.ProcessorCount;
}
