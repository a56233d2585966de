namespace Workflows.Soak.Workload;

/// <summary>An instance the run must end with, Completed.</summary>
/// <param name="InstanceId">Its id.</param>
/// <param name="Orchestrator">Its orchestrator's name.</param>
/// <param name="Output">What its output must say: the serialized output for a synthetic orchestration; for the
/// governance orchestrations, a summary compared with <see cref="Verification.OutputSummary"/>.</param>
public sealed record ExpectedInstance(string InstanceId, string Orchestrator, string Output);
