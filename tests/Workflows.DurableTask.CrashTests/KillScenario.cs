using Workflows.DurableTask.CrashTests.Infrastructure;

namespace Workflows.DurableTask.CrashTests;

/// <summary>How hard a kill test pushes one provider.</summary>
/// <param name="Instances">Top-level instances of the mixed workload.</param>
/// <param name="Kills">Workers SIGKILLed, one after another, before a last one finishes the work.</param>
/// <param name="Takeover">Lock, visibility and lease time: how soon a killed worker's work can be taken over.</param>
/// <param name="Partitions">Azure Storage control-queue partitions.</param>
/// <param name="MaxKillDelay">A worker is killed a seeded random time of up to this after it ran its first activity.</param>
/// <param name="LateEventsAfterKill">After which kill the events not raised at the start are raised.</param>
/// <param name="CompletionTimeout">How long the last worker may take to finish the workload.</param>
/// <param name="Rules">What the finished workload may show on this provider.</param>
/// <param name="LateEventsOnlyToStartedInstances">Whether a late event waits until its instance has started (is no longer
/// Pending). DurableTask.AzureStorage discards a batch of messages that reaches an instance with no history and no
/// ExecutionStarted in the batch ("No such instance"): a killed worker's ExecutionStarted message stays invisible for the
/// visibility timeout, so an event raised meanwhile can come first and be dropped. Callers raise events to started
/// instances (the governance app raises decisions only to Running ones).</param>
public sealed record KillScenario(
    int Instances, int Kills, TimeSpan Takeover, int Partitions, TimeSpan MaxKillDelay, int LateEventsAfterKill, TimeSpan CompletionTimeout, VerificationRules Rules,
    bool LateEventsOnlyToStartedInstances = false);
