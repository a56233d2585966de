namespace Workflows.Governance.Http;

/// <summary>The log lines of requests that failed with an exception.</summary>
internal static partial class RequestFailureLog
{
    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "{Method} {Route} answered 503: the store was busy or unreachable ({ExceptionType} in {ThrownAt}); trace {TraceId}.")]
    public static partial void StoreUnavailable(ILogger logger, string method, string route, string exceptionType, string thrownAt, string traceId);

    [LoggerMessage(EventId = 131, Level = LogLevel.Error, Message = "{Method} {Route} failed with {ExceptionType} in {ThrownAt}; trace {TraceId}.")]
    public static partial void Failed(ILogger logger, string method, string route, string exceptionType, string thrownAt, string traceId);

    [LoggerMessage(EventId = 132, Level = LogLevel.Warning, Message = "{Method} {Route} answered 503: its instance has not started yet and nothing was sent to it; trace {TraceId}.")]
    public static partial void NotStarted(ILogger logger, string method, string route, string traceId);
}
