namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>What a finished crash workload may show, by provider and test.</summary>
/// <param name="ExactlyOnce">Whether every activity call must have run exactly once (nothing was killed); otherwise at
/// least once.</param>
/// <param name="AllowRedeliveredResponses">Whether a response may be recorded twice in a history, with the same result
/// (the replay ignores it). Azure Storage sends an activity's result and deletes its work item in two steps, with no
/// transaction between them: a worker killed between them leaves the task to run again, and both results reach the
/// orchestration. The SQLite provider does both in one transaction.</param>
/// <param name="TimerGranularity">How much earlier than due a timer may be delivered: Azure Storage hides a timer's
/// message for whole seconds (the queue's visibility delay), so it can become visible up to a second early.</param>
public sealed record VerificationRules(bool ExactlyOnce, bool AllowRedeliveredResponses, TimeSpan TimerGranularity);
