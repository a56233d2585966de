using System.Globalization;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.CrashHost.Activities;
using Workflows.DurableTask.CrashHost.Orchestrations;
using Workflows.DurableTask.CrashHost.Store;

namespace Workflows.DurableTask.CrashHost;

/// <summary>A console program that runs the crash workload's worker on a store until it is killed, for crash tests
/// that SIGKILL it.</summary>
public static class Program
{
    private const string Usage =
        """
        usage: Workflows.DurableTask.CrashHost --provider Sqlite|AzureStorage --hub NAME --takeover-seconds S
                                               --partitions N --effects FILE [--max-seconds S] [--exit-when-input-closes]
          Runs the worker until killed and prints 'ready <pid>' once the host started. The store's connection string
          is read from the CRASH_STORE_CONNECTION environment variable.
        """;

    /// <summary>Runs the worker.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync(Usage);
                return 2;
            }

            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                flags.Add(args[i][2..]);
            }
        }

        CrashStore store;
        try
        {
            store = CrashStore.FromArguments(options, Environment.GetEnvironmentVariable(CrashStore.ConnectionVariable));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync(exception.Message + "\n" + Usage);
            return 2;
        }

        if (!options.TryGetValue("effects", out string? effectsPath))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        LifetimeGuard.Start(
            exitWhenInputCloses: flags.Contains("exit-when-input-closes"),
            maxLifetime: options.TryGetValue("max-seconds", out string? max) ? TimeSpan.FromSeconds(double.Parse(max, CultureInfo.InvariantCulture)) : null);

        using var effects = new SideEffectLog(Path.GetFullPath(effectsPath));
        effects.EnsureCreated();
        using IHost host = BuildHost(store, effects);
        await host.StartAsync();
        Console.WriteLine(FormattableString.Invariant($"ready {Environment.ProcessId}"));
        await host.WaitForShutdownAsync();
        return 0;
    }

    private static IHost BuildHost(CrashStore store, SideEffectLog effects)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(effects);
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => r
                .AddOrchestrator<SequenceOrchestrator>()
                .AddOrchestrator<FanOutOrchestrator>()
                .AddOrchestrator<TimerOrchestrator>()
                .AddOrchestrator<ApprovalOrchestrator>()
                .AddOrchestrator<ParentOrchestrator>()
                .AddOrchestrator<EchoOrchestrator>()
                .AddOrchestrator<RetryOrchestrator>()
                .AddOrchestrator<GenerationsOrchestrator>()
                .AddActivity<ScaleActivity>()
                .AddActivity<UpperActivity>()
                .AddActivity<FlakyActivity>())
            .UseCrashStore(store));
        return builder.Build();
    }
}
