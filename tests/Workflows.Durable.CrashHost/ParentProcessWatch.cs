using System.Diagnostics;

namespace Workflows.Durable.CrashHost;

/// <summary>Ends this process when the process that started it is gone, or when a time limit passes, so that a worker
/// whose test run died never runs on by itself.</summary>
public static class ParentProcessWatch
{
    /// <summary>Starts watching in the background.</summary>
    /// <param name="parentProcessId">The process whose end ends this one; null to watch none.</param>
    /// <param name="maxLifetime">The longest this process may run; null for no limit.</param>
    public static void Start(int? parentProcessId, TimeSpan? maxLifetime)
    {
        if (parentProcessId is null && maxLifetime is null)
        {
            return;
        }

        var started = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(500);
                if (parentProcessId is { } parent && !IsAlive(parent))
                {
                    Console.Error.WriteLine($"The parent process {parent} is gone; exiting.");
                    Environment.Exit(3);
                }

                if (maxLifetime is { } limit && started.Elapsed > limit)
                {
                    Console.Error.WriteLine($"Ran for longer than {limit}; exiting.");
                    Environment.Exit(4);
                }
            }
        })
        {
            IsBackground = true,
            Name = "parent watch",
        };
        thread.Start();
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
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
