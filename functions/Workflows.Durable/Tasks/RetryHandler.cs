namespace Workflows.Durable;

/// <summary>Decides whether to retry; may await durable timers through the context.</summary>
public delegate bool RetryHandler(RetryContext retryContext);

/// <summary>Decides, asynchronously, whether to retry; may await durable timers through the context.</summary>
public delegate Task<bool> AsyncRetryHandler(RetryContext retryContext);
