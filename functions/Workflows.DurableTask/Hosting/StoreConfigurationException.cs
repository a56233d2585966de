namespace Workflows.DurableTask.Hosting;

/// <summary>The Durable Task store is misconfigured or cannot be reached, so the host does not start. The message names
/// the setting to fix and never contains a connection string (they hold account keys).</summary>
public sealed class StoreConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception with a message safe to log.</summary>
    public StoreConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message safe to log and the failure behind it.</summary>
    public StoreConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The kind of failure, without its message: messages of parsers and SDKs may quote the value they were given.</summary>
    internal static string Summarize(Exception exception)
    {
        Exception inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        return inner is Azure.RequestFailedException request
            ? $"{inner.GetType().Name}: HTTP {request.Status}{(request.ErrorCode is { } code ? " " + code : string.Empty)}"
            : inner.GetType().Name;
    }
}
