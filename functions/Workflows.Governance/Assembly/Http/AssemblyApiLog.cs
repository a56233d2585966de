namespace Workflows.Governance.Assembly.Http;

/// <summary>The assembly API's log messages: ids, actions and field names, never a person's details or a response's text.</summary>
internal static partial class AssemblyApiLog
{
    /// <summary>The category of the API's messages.</summary>
    public const string Category = "Workflows.Governance.Assembly.Http";

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Assembly {Kind} {RoundId} started for {MemberCount} member(s), closing {ClosesAt:o}.")]
    public static partial void Started(ILogger logger, string kind, string roundId, int memberCount, DateTime closesAt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Assembly request refused: invalid {Fields}.")]
    public static partial void Invalid(ILogger logger, string fields);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Assembly {Action} on {Kind} {RoundId} by {By}: raised on {Instances}.")]
    public static partial void ActionRaised(ILogger logger, string action, string kind, string roundId, string by, string instances);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Assembly {Action} on {Kind} {RoundId} refused: {Reason}")]
    public static partial void ActionRefused(ILogger logger, string action, string kind, string roundId, string reason);
}
