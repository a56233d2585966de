using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Worker;

/// <summary>The worker's log events (EventIds 100-119).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(100, LogLevel.Information, "Durable Task worker '{WorkerName}' starting on {OrchestrationService}.")]
    public static partial void Starting(ILogger logger, string workerName, string orchestrationService);

    [LoggerMessage(101, LogLevel.Information, "Durable Task worker '{WorkerName}' started: up to {Orchestrations} orchestration and {Activities} activity work items at once.")]
    public static partial void Started(ILogger logger, string workerName, int orchestrations, int activities);

    [LoggerMessage(102, LogLevel.Information, "Durable Task worker '{WorkerName}' stopping: finishing the work items in hand.")]
    public static partial void Draining(ILogger logger, string workerName);

    [LoggerMessage(103, LogLevel.Information, "Durable Task worker '{WorkerName}' stopped.")]
    public static partial void Stopped(ILogger logger, string workerName);

    [LoggerMessage(104, LogLevel.Warning, "Durable Task worker '{WorkerName}' stopped before its work items finished: the host's shutdown timeout ran out. They run again elsewhere once their locks expire.")]
    public static partial void DrainCutShort(ILogger logger, string workerName);

    [LoggerMessage(105, LogLevel.Error, "Orchestration instance '{InstanceId}' asks for orchestrator '{Name}', which is not registered: the instance fails.")]
    public static partial void UnregisteredOrchestrator(ILogger logger, string instanceId, string name);

    [LoggerMessage(106, LogLevel.Error, "An activity '{Name}' was scheduled but is not registered: it fails.")]
    public static partial void UnregisteredActivity(ILogger logger, string name);
}
