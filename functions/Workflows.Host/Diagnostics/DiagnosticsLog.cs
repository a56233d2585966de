namespace Workflows.Host.Diagnostics;

/// <summary>The diagnostics' log messages (EventIds 120-129).</summary>
internal static partial class DiagnosticsLog
{
    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Synthetic orchestrations are registered (Diagnostics:SyntheticWorkflows): anyone with the admin key can start them. Not for production.")]
    public static partial void SyntheticWorkflowsRegistered(ILogger logger);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "The service stops when process {ProcessId} ends (Diagnostics:ExitWithProcessId).")]
    public static partial void WatchingProcess(ILogger logger, int processId);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Process {ProcessId} has ended: the service stops (Diagnostics:ExitWithProcessId).")]
    public static partial void ProcessEnded(ILogger logger, int processId);
}
