namespace Workflows.Host.Hosting;

/// <summary>The host's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Functions host settings from {ScriptRoot}; data under {DataDirectory}.")]
    public static partial void HostSettings(ILogger logger, string scriptRoot, string dataDirectory);
}
