using Microsoft.Extensions.Logging;

namespace Workflows.Durable.Storage.Sqlite;

/// <summary>The SQLite store's log messages; event ids 1100-1199 are the store's and are stable.</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Instance '{InstanceId}' has {Count} inbox message(s) this engine cannot read; the instance is held and retried in a minute.")]
    public static partial void UnreadableMessage(ILogger logger, string instanceId, int count);
}
