namespace Workflows.DurableTask.Client;

/// <summary>A message (event, suspend, resume) was not sent because its instance has not started yet, on a provider that
/// would discard it (Azure Storage: a message that reaches an instance before its start is dropped as sent to "No such
/// instance"). Nothing was sent; the caller may try again after <see cref="RetryAfter"/>.</summary>
public sealed class InstanceNotStartedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="instanceId"/>.</summary>
    public InstanceNotStartedException(string instanceId, TimeSpan retryAfter, string message)
        : base(message)
    {
        this.InstanceId = instanceId;
        this.RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InstanceNotStartedException()
        : this(string.Empty, TimeSpan.Zero, "The instance has not started yet.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InstanceNotStartedException(string message)
        : this(string.Empty, TimeSpan.Zero, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InstanceNotStartedException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.InstanceId = string.Empty;
    }

    /// <summary>The instance that has not started.</summary>
    public string InstanceId { get; }

    /// <summary>When trying again may succeed: its scheduled start, or a few seconds for one whose start is delayed.</summary>
    public TimeSpan RetryAfter { get; }
}
