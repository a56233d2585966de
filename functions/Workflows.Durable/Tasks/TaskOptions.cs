namespace Workflows.Durable;

/// <summary>Options of an activity or sub-orchestration call.</summary>
public record TaskOptions
{
    /// <summary>Creates options with a retry setting.</summary>
    public TaskOptions(TaskRetryOptions? retry)
        : this(retry, null)
    {
    }

    /// <summary>Creates options with a retry setting and tags.</summary>
    public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null)
    {
        this.Retry = retry;
        this.Tags = tags;
    }

    /// <summary>Copies options.</summary>
    public TaskOptions(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.Retry = options.Retry;
        this.Tags = options.Tags;
        this.Version = options.Version;
    }

    /// <summary>How failures are retried.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Tags stored with the task.</summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>The version of the task to call.</summary>
    public TaskVersion? Version { get; init; }

    /// <summary>Options that retry by a policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Options that retry by a handler.</summary>
    public static TaskOptions FromRetryHandler(AsyncRetryHandler handler) => new(new TaskRetryOptions(handler));

    /// <summary>Options that retry by a synchronous handler.</summary>
    public static TaskOptions FromRetryHandler(RetryHandler handler) => new(TaskRetryOptions.FromRetryHandler(handler));

    /// <summary>Sub-orchestration options with these settings and an instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}
