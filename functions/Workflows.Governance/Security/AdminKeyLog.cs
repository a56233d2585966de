namespace Workflows.Governance.Security;

/// <summary>The admin key's log messages; none of them ever contains a key.</summary>
internal static partial class AdminKeyLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "No admin key is configured (Security:AdminKey): admin routes refuse every request until one is set.")]
    public static partial void NotConfigured(ILogger logger);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Admin request to {Path} refused: {Reason}.")]
    public static partial void Refused(ILogger logger, PathString path, string reason);
}
