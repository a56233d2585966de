using Workflows.Governance.Approvals;
using Workflows.Governance.Assembly.Links;

namespace Workflows.Governance.Assembly.Pages;

/// <summary>The link pages' log messages: kinds, instance and member ids, never a token, an address or an answer's text.</summary>
internal static partial class AssemblyPagesLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "An assembly link was refused: the token is {TokenError}.")]
    public static partial void TokenRefused(ILogger logger, ApprovalTokenError tokenError);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "An assembly form was refused: the anti-forgery check failed.")]
    public static partial void AntiforgeryFailed(ILogger logger);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "{Kind} for {MemberId} raised on {InstanceId} from an assembly link (role {Role}).")]
    public static partial void AnswerRaised(ILogger logger, AssemblyLinkKind kind, string memberId, string instanceId, string role);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "An assembly {Kind} form for {MemberId} on {InstanceId} changed nothing: {Situation}.")]
    public static partial void NothingChanged(ILogger logger, AssemblyLinkKind kind, string memberId, string instanceId, LinkSituationKind situation);
}
