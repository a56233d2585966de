using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>The approval pages' log messages: instance and participant ids, never a token, an address or a comment.</summary>
internal static partial class ApprovalPagesLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "An approval link was refused: the token is {TokenError}.")]
    public static partial void TokenRefused(ILogger logger, ApprovalTokenError tokenError);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "An approval confirmation was refused: the anti-forgery check failed.")]
    public static partial void AntiforgeryFailed(ILogger logger);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Decision {Decision} for {ParticipantId} raised on {InstanceId} from an approval link (role {Role}).")]
    public static partial void DecisionRaised(ILogger logger, ApprovalDecision decision, string participantId, string instanceId, string role);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "An approval confirmation for {ParticipantId} on {InstanceId} changed nothing: {Situation}.")]
    public static partial void NothingChanged(ILogger logger, string participantId, string instanceId, ApprovalSituationKind situation);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "The decision for {ParticipantId} raised on {InstanceId} was not seen recorded within {Wait}; the approver was told it was received.")]
    public static partial void NotYetRecorded(ILogger logger, string participantId, string instanceId, TimeSpan wait);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "A paper was asked for through an approval link of {ProposalId} that is not one of its papers, or is missing from the store.")]
    public static partial void PaperNotFound(ILogger logger, string proposalId);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "The decision for {ParticipantId} was not raised: {InstanceId} has not started yet (its start is held by a worker); the approver was asked to confirm again.")]
    public static partial void NotStartedYet(ILogger logger, string participantId, string instanceId);
}
