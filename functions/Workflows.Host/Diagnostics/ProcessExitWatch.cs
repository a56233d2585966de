using System.Diagnostics;

namespace Workflows.Host.Diagnostics;

/// <summary>Stops the service once the process named by <see cref="DiagnosticsOptions.ExitWithProcessId"/> has ended, so
/// that a program that starts services (the chaos soak) leaves none behind when it dies itself.</summary>
internal sealed class ProcessExitWatch(int processId, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ProcessExitWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DiagnosticsLog.WatchingProcess(logger, processId);
        using var timer = new PeriodicTimer(Interval, clock);
        while (IsRunning(processId) && await timer.WaitForNextTickAsync(stoppingToken))
        {
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            DiagnosticsLog.ProcessEnded(logger, processId);
            lifetime.StopApplication();
        }
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using Process process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
