namespace Workflows.DurableTask.CrashHost;

/// <summary>Ends this process when the test that started it is gone (its standard input, a pipe from the test, closes)
/// or after a time limit, so that a worker whose test run died never runs on by itself.</summary>
public static class LifetimeGuard
{
    /// <summary>Exit code when standard input closed.</summary>
    public const int InputClosedExitCode = 3;

    /// <summary>Exit code when the time limit passed.</summary>
    public const int LifetimeExceededExitCode = 4;

    // Held so that the timer is not collected before it fires.
    private static Timer? lifetime;

    /// <summary>Starts the guards that are asked for.</summary>
    public static void Start(bool exitWhenInputCloses, TimeSpan? maxLifetime)
    {
        if (exitWhenInputCloses)
        {
            var reader = new Thread(() =>
            {
                // Nothing is ever written to this pipe: the read returns only at end of input, when the test process
                // closes it or dies.
                Console.In.ReadToEnd();
                Console.Error.WriteLine("Standard input closed: the test process is gone; exiting.");
                Environment.Exit(InputClosedExitCode);
            })
            {
                IsBackground = true,
                Name = "input watch",
            };
            reader.Start();
        }

        if (maxLifetime is { } limit)
        {
            lifetime = new Timer(
                _ =>
                {
                    Console.Error.WriteLine($"Ran for longer than {limit}; exiting.");
                    Environment.Exit(LifetimeExceededExitCode);
                },
                null,
                limit,
                Timeout.InfiniteTimeSpan);
        }
    }
}
