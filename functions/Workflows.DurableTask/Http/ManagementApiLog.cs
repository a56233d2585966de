using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Workflows.DurableTask.Http;

/// <summary>The management HTTP API's log messages: one for each request that changes state, so that operators' actions are on record.</summary>
internal static partial class ManagementApiLog
{
    /// <summary>The log category.</summary>
    public const string Category = "Workflows.DurableTask.Http.ManagementApi";

    /// <summary>The logger of a request.</summary>
    public static ILogger For(HttpContext context) =>
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(Category) ?? NullLogger.Instance;

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Management API started orchestration '{Name}' as instance '{InstanceId}'.")]
    public static partial void Started(ILogger logger, string name, string instanceId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Management API raised event '{EventName}' for instance '{InstanceId}'.")]
    public static partial void EventRaised(ILogger logger, string eventName, string instanceId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Management API requested {Operation} of instance '{InstanceId}'.")]
    public static partial void OperationRequested(ILogger logger, string operation, string instanceId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Management API restarted instance '{InstanceId}' as '{NewInstanceId}'.")]
    public static partial void Restarted(ILogger logger, string instanceId, string newInstanceId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Management API purged {Count} instance(s) ({Scope}).")]
    public static partial void Purged(ILogger logger, int count, string scope);
}
