namespace Workflows.Durable;

/// <summary>Either a declarative retry policy or a custom retry handler.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Retries by a policy.</summary>
    public TaskRetryOptions(RetryPolicy policy)
    {
        this.Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>Retries by a handler.</summary>
    public TaskRetryOptions(AsyncRetryHandler handler)
    {
        this.Handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <summary>The policy, if retries follow one.</summary>
    public RetryPolicy? Policy { get; }

    /// <summary>The handler, if retries follow one.</summary>
    public AsyncRetryHandler? Handler { get; }

    /// <summary>Wraps a policy.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Wraps a handler.</summary>
    public static implicit operator TaskRetryOptions(AsyncRetryHandler handler) => new(handler);

    /// <summary>Wraps a synchronous handler.</summary>
    public static implicit operator TaskRetryOptions(RetryHandler handler) => FromRetryHandler(handler);

    /// <summary>Wraps a policy.</summary>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    /// <summary>Wraps a handler.</summary>
    public static TaskRetryOptions FromRetryHandler(AsyncRetryHandler handler) => new(handler);

    /// <summary>Wraps a synchronous handler.</summary>
    public static TaskRetryOptions FromRetryHandler(RetryHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new TaskRetryOptions(context => Task.FromResult(handler(context)));
    }
}
