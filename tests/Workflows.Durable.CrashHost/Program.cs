using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Durable;
using Workflows.Durable.Client;
using Workflows.Durable.Worker;

namespace Workflows.Durable.CrashHost;

/// <summary>A plain console program that hosts the engine, for crash tests that kill it with SIGKILL.</summary>
/// <remarks>It uses only the engine's public surface, with the usings of the Microsoft.DurableTask programming model,
/// so it doubles as proof that any console program can host the engine.</remarks>
public static class Program
{
    private const string Usage =
        """
        usage: Workflows.Durable.CrashHost <store.db> <side-effects.db> <mode> [count] [--lock-seconds S]
                                           [--parent-pid PID] [--max-seconds S]
          work        run the worker until killed (prints 'ready <pid>' once started)
          seed N      schedule N orchestrations of mixed kinds with deterministic ids, then exit
          events N    raise the events that the seed step did not raise, then exit
        """;

    /// <summary>Runs one mode.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        List<string> positional = [];
        double lockSeconds = 3;
        int? parentProcessId = null;
        TimeSpan? maxLifetime = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lock-seconds" && i + 1 < args.Length)
            {
                lockSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--parent-pid" && i + 1 < args.Length)
            {
                parentProcessId = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--max-seconds" && i + 1 < args.Length)
            {
                maxLifetime = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        if (positional.Count < 3)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        string storePath = Path.GetFullPath(positional[0]);
        string effectsPath = Path.GetFullPath(positional[1]);
        string mode = positional[2];
        int count = positional.Count > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 0;

        ParentProcessWatch.Start(parentProcessId, maxLifetime);
        using var effects = new SideEffectLog(effectsPath);
        effects.EnsureCreated();
        using IHost host = BuildHost(storePath, effects, TimeSpan.FromSeconds(lockSeconds));
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        switch (mode)
        {
            case "work":
                await host.StartAsync();
                Console.WriteLine(FormattableString.Invariant($"ready {Environment.ProcessId}"));
                await host.WaitForShutdownAsync();
                return 0;
            case "seed":
                for (int i = 0; i < count; i++)
                {
                    string id = Workload.InstanceId(i);
                    await client.ScheduleNewOrchestrationInstanceAsync(Workload.OrchestratorName(Workload.KindOf(i)), i, new StartOrchestrationOptions(id));
                    if (Workload.EventRaisedBySeed(i))
                    {
                        await client.RaiseEventAsync(id, Workload.EventName, Workload.EventPayload(i));
                    }
                }

                Console.WriteLine(FormattableString.Invariant($"seeded {count}"));
                return 0;
            case "events":
                int raised = 0;
                for (int i = 0; i < count; i++)
                {
                    if (Workload.KindOf(i) == WorkloadKind.Event && !Workload.EventRaisedBySeed(i))
                    {
                        await client.RaiseEventAsync(Workload.InstanceId(i), Workload.EventName, Workload.EventPayload(i));
                        raised++;
                    }
                }

                Console.WriteLine(FormattableString.Invariant($"raised {raised}"));
                return 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static IHost BuildHost(string storePath, SideEffectLog effects, TimeSpan lockTimeout)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Services.AddSingleton(effects);
        string connection = $"Data Source={storePath}";
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => r
                .AddOrchestrator<SequenceOrchestrator>()
                .AddActivity<ScaleActivity>()
                .AddActivity<FlakyActivity>()
                .AddOrchestratorFunc<int, string>(Workload.FanOut, async (ctx, index) =>
                {
                    List<Task<int>> calls = Enumerable.Range(0, Workload.FanOutWidth)
                        .Select(k => ctx.CallActivityAsync<int>(nameof(ScaleActivity), (index * 100) + k))
                        .ToList();
                    int[] results = await Task.WhenAll(calls);
                    return FormattableString.Invariant($"fan:{results.Sum(v => (long)v)}");
                })
                .AddOrchestratorFunc<int, string>(Workload.Timer, async (ctx, index) =>
                {
                    await ctx.CreateTimer(Workload.TimerDelay(index), CancellationToken.None);
                    string upper = await ctx.CallActivityAsync<string>(Workload.Upper, FormattableString.Invariant($"t{index}"));
                    return $"timer:{upper}";
                })
                .AddOrchestratorFunc<int, string>(Workload.Approval, async (ctx, index) =>
                {
                    // The long timeout races a durable timer against the event; the event wins and the timer is cancelled.
                    string payload = await ctx.WaitForExternalEvent<string>(Workload.EventName, TimeSpan.FromMinutes(10));
                    return $"event:{payload}";
                })
                .AddOrchestratorFunc<int, string>(Workload.Parent, async (ctx, index) =>
                {
                    string child = await ctx.CallSubOrchestratorAsync<string>(Workload.Echo, Workload.ChildInput(index));
                    return $"parent:{child}";
                })
                .AddOrchestratorFunc<string, string>(Workload.Echo, async (ctx, input) =>
                {
                    string upper = await ctx.CallActivityAsync<string>(Workload.Upper, input);
                    return upper + "!";
                })
                .AddOrchestratorFunc<int, string>(Workload.Retry, async (ctx, index) =>
                {
                    var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1)));
                    string result = await ctx.CallActivityAsync<string>(nameof(FlakyActivity), index, retry);
                    return $"retry:{result}";
                })
                .AddActivityFunc<string, string>(Workload.Upper, async (ctx, input) =>
                {
                    await effects.RecordAsync(ctx);
                    await Task.Delay(Workload.ActivityWork);
                    return input.ToUpperInvariant();
                }))
            .UseSqlite(connection, o => o.LockTimeout = lockTimeout)
            .Configure(o =>
            {
                // Renew activity locks well within the short lock timeout; poll often, since the other process's
                // writes do not wake this one.
                o.LockRenewalInterval = lockTimeout / 3;
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
                o.DrainTimeout = TimeSpan.FromSeconds(2);
                o.Concurrency.MaximumConcurrentActivityWorkItems = Workload.ActivitySlots;
            }));

        // The same store options for the client: in one process, worker and client share one store object.
        builder.Services.AddDurableTaskClient(b => b.UseSqlite(connection, o => o.LockTimeout = lockTimeout));
        return builder.Build();
    }
}
