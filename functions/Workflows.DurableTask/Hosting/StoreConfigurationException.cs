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

    /// <summary>The kind of failure. Messages of parsers may quote the value they were given, so only the Azure SDK's
    /// request failures (which it sanitizes: no keys, no signatures) add the first line of theirs.</summary>
    internal static string Summarize(Exception exception)
    {
        Exception outer = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        Azure.RequestFailedException? request = null;
        for (Exception? e = outer; e is not null && request is null; e = e.InnerException)
        {
            request = e as Azure.RequestFailedException;
        }

        if (request is null)
        {
            return outer.GetType().Name;
        }

        string firstLine = request.Message.Split('\n', 2)[0].Trim();
        string status = request.Status == 0 ? "no response" : $"HTTP {request.Status}{(request.ErrorCode is { } code ? " " + code : string.Empty)}";
        return $"{outer.GetType().Name}, {status}: {firstLine}";
    }
}
