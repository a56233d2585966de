namespace Workflows.Governance.Documents;

/// <summary>The document stores' log messages.</summary>
internal static partial class DocumentsLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Documents are stored by {Provider} in {Location}.")]
    public static partial void Provider(ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Saved document {Path} ({ContentType}).")]
    public static partial void Saved(ILogger logger, string path, string contentType);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Refused to overwrite the write-once document {Path}: it already exists.")]
    public static partial void AlreadyExists(ILogger logger, string path);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Created the blob container {Container}.")]
    public static partial void ContainerCreated(ILogger logger, string container);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Skipped the unreadable document file {File}.")]
    public static partial void UnreadableFile(ILogger logger, string file, Exception exception);
}
