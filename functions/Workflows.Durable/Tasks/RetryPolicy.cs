namespace Workflows.Durable;

/// <summary>How a failed activity or sub-orchestration is retried; the waits between attempts are durable timers.</summary>
public class RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">The number of attempts, the first included; more than zero.</param>
    /// <param name="firstRetryInterval">The wait before the first retry; more than zero.</param>
    /// <param name="backoffCoefficient">The factor by which each wait grows; at least 1.</param>
    /// <param name="maxRetryInterval">The longest wait between attempts; one hour by default.</param>
    /// <param name="retryTimeout">How long after the first attempt retries may still start; unlimited by default.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfAttempts);
        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be more than zero.");
        }

        if (backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The backoff coefficient must be at least 1.0.");
        }

        TimeSpan max = maxRetryInterval ?? TimeSpan.FromHours(1);
        if (max != Timeout.InfiniteTimeSpan && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), max, "The maximum retry interval must be at least the first retry interval.");
        }

        TimeSpan timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), timeout, "The retry timeout must be at least the first retry interval.");
        }

        this.MaxNumberOfAttempts = maxNumberOfAttempts;
        this.FirstRetryInterval = firstRetryInterval;
        this.BackoffCoefficient = backoffCoefficient;
        this.MaxRetryInterval = max;
        this.RetryTimeout = timeout;
        this.Handle = static _ => true;
        this.HandleFailure = static _ => true;
    }

    /// <summary>The number of attempts, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor by which each wait grows.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>How long after the first attempt retries may still start.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides from the exception whether a failure is retried.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Func<Exception, bool> Handle { get; private init; }

    /// <summary>Decides from the failure details whether a failure is retried; all are by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; }

    /// <summary>The wait before retry number <paramref name="retryIndex"/> (0 for the first retry).</summary>
    internal TimeSpan GetDelay(int retryIndex)
    {
        double ticks = this.FirstRetryInterval.Ticks * Math.Pow(this.BackoffCoefficient, retryIndex);
        TimeSpan delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        if (this.MaxRetryInterval != Timeout.InfiniteTimeSpan && delay > this.MaxRetryInterval)
        {
            delay = this.MaxRetryInterval;
        }

        return delay;
    }
}
