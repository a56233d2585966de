using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Client;

/// <summary>The client's log events (EventIds 120-139).</summary>
internal static partial class ClientLog
{
    [LoggerMessage(120, LogLevel.Debug, "Scheduled orchestration '{Name}' as instance '{InstanceId}' (start at {StartAt}).")]
    public static partial void Scheduled(ILogger logger, string name, string instanceId, DateTimeOffset? startAt);

    [LoggerMessage(121, LogLevel.Information, "Restarted instance '{InstanceId}' as '{NewInstanceId}'.")]
    public static partial void Restarted(ILogger logger, string instanceId, string newInstanceId);

    [LoggerMessage(122, LogLevel.Information, "Rewinding failed instance '{InstanceId}'.")]
    public static partial void Rewinding(ILogger logger, string instanceId);

    [LoggerMessage(123, LogLevel.Information, "Purged {Count} instance(s) for '{InstanceId}'.")]
    public static partial void Purged(ILogger logger, string instanceId, int count);

    [LoggerMessage(124, LogLevel.Warning, "A message to instance '{InstanceId}' was refused: the instance has not started and the provider would discard it; retry after {RetryAfter}.")]
    public static partial void HeldForStart(ILogger logger, string instanceId, TimeSpan retryAfter);
}
