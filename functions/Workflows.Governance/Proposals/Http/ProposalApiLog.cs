namespace Workflows.Governance.Proposals.Http;

/// <summary>The proposal API's log messages: ids and field names, never a proposal's text or papers.</summary>
internal static partial class ProposalApiLog
{
    /// <summary>The category of the API's messages.</summary>
    public const string Category = "Workflows.Governance.Proposals.Http";

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Proposal {ProposalId} started: category {CategoryId}, raised by {CommitteeId} of {BodyId}, {PaperCount} paper(s).")]
    public static partial void Started(ILogger logger, string proposalId, string categoryId, string committeeId, string bodyId, int paperCount);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Proposal request refused: invalid {Fields}.")]
    public static partial void Invalid(ILogger logger, string fields);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Proposal {ProposalId} not started: {Reason}.")]
    public static partial void NotStarted(ILogger logger, string proposalId, string reason);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Admin {Action} on proposal {ProposalId} by {By}: raised on {Instances}.")]
    public static partial void ActionRaised(ILogger logger, string action, string proposalId, string by, string instances);

    [LoggerMessage(EventId = 704, Level = LogLevel.Information, Message = "Admin {Action} on proposal {ProposalId} refused: {Reason}")]
    public static partial void ActionRefused(ILogger logger, string action, string proposalId, string reason);

    [LoggerMessage(EventId = 705, Level = LogLevel.Warning, Message = "Instance {InstanceId} has an unreadable input or status; it is not shown as a proposal.")]
    public static partial void Unreadable(ILogger logger, string instanceId);
}
