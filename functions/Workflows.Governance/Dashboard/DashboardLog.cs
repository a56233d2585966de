namespace Workflows.Governance.Dashboard;

/// <summary>The dashboard's log messages: paths, instance ids and actions, never a key or a payload.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "A dashboard sign-in was refused: {Reason}.")]
    public static partial void SignInRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "A dashboard session was started.")]
    public static partial void SignedIn(ILogger logger);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "A dashboard form post to {Path} was refused: the anti-forgery check failed.")]
    public static partial void AntiforgeryFailed(ILogger logger, string path);

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "Dashboard action {Action} on {InstanceId}: {Outcome}.")]
    public static partial void ActionTaken(ILogger logger, string action, string instanceId, string outcome);
}
