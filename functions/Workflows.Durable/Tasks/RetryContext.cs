namespace Workflows.Durable;

/// <summary>What a custom retry handler is told about the last failed attempt.</summary>
/// <param name="OrchestrationContext">The orchestration's context.</param>
/// <param name="LastAttemptNumber">The number of the attempt that failed, from 1.</param>
/// <param name="LastFailure">Why it failed.</param>
/// <param name="TotalRetryTime">Orchestration time since the first attempt started.</param>
/// <param name="CancellationToken">Cancelled when the retries should stop.</param>
public record RetryContext(
    TaskOrchestrationContext OrchestrationContext,
    int LastAttemptNumber,
    TaskFailureDetails LastFailure,
    TimeSpan TotalRetryTime,
    CancellationToken CancellationToken);
