using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Workflows.Soak.Hosts;
using Workflows.Soak.Verification;
using Workflows.Soak.Workload;

namespace Workflows.Soak;

/// <summary>Runs a soak: starts the store and the host processes, drives the workload through the HTTP API while it
/// kills a random ready process at seeded moments (and starts another in its place), waits until every instance has
/// finished or the patience after the last kill has run out, then checks everything.</summary>
public static class SoakRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="options"/>, writing progress to <paramref name="progress"/>.</summary>
    public static async Task<SoakReport> RunAsync(SoakOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        string folder = Directory.CreateTempSubdirectory(string.Create(CultureInfo.InvariantCulture, $"workflows-soak-{options.Seed}-")).FullName;
        string data = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName;
        var report = new SoakReport
        {
            Provider = options.Provider.ToString().ToLowerInvariant(),
            Hosts = options.Hosts,
            Orchestrations = options.Orchestrations,
            Proposals = options.Proposals,
            Seed = options.Seed,
        };
        await progress.WriteLineAsync($"soak: {report.Provider}, {options.Hosts} hosts, {options.Orchestrations} orchestrations, {options.Proposals} proposals, {options.Kills} kills, seed {options.Seed}, in {folder}");

        AzuriteProcess? azurite = options.Provider == SoakProvider.AzureStorage ? await AzuriteProcess.StartAsync(folder, cancellationToken) : null;
        string adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var cluster = new HostCluster(options.Hosts, HostSettings.For(options.Provider, data, adminKey, azurite?.ConnectionString), folder, HostSettings.SessionHold(), progress);
        StoreClient? store = null;
        using var stopOutbox = new CancellationTokenSource();
        var outbox = new OutboxReader(Path.Combine(data, "outbox"));
        Task reading = outbox.RunAsync(stopOutbox.Token);
        try
        {
            await cluster.StartAsync(cancellationToken);
            store = await StoreClient.StartAsync(
                options.Provider,
                azurite?.ConnectionString ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "workflows.db") }.ToString(),
                cancellationToken);
            HostAnswer configuration = await cluster.SendAsync(
                url =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/api/governance"));
                    request.Headers.Add("x-functions-key", adminKey);
                    return request;
                },
                cancellationToken);
            GovernanceFacts governance = GovernanceFacts.Parse(configuration.Body);
            List<SyntheticPlan> synthetic = [.. Enumerable.Range(0, options.Orchestrations).Select(i => SyntheticPlan.For(options.Seed, i))];
            List<ProposalScript> proposals = [.. Enumerable.Range(0, options.Proposals).Select(i => ProposalScript.For(options.Seed, i, governance))];
            List<ExpectedInstance> expected = [.. synthetic.SelectMany(p => p.Instances()), .. proposals.SelectMany(p => p.Instances())];

            // The starts are spread over most of the kills' expected span, so that every kill lands on work in flight.
            TimeSpan killSpan = (options.MinKillInterval + options.MaxKillInterval) / 2 * options.Kills;
            TimeSpan startSpan = killSpan * 0.8;
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var syntheticDriver = new SyntheticDriver(cluster, adminKey);
            var proposalDriver = new ProposalDriver(cluster, outbox, adminKey);
            var workloadClock = Stopwatch.StartNew();
            Task driving = Task.WhenAll(
                Paced(synthetic, startSpan, (plan, token) => syntheticDriver.RunAsync(plan, token), patience.Token),
                Paced(proposals, startSpan / 2, (plan, token) => proposalDriver.RunAsync(plan, token), patience.Token));
            Task watching = WatchAsync(progress, clock, () => $"{syntheticDriver.Started}/{synthetic.Count} started, {syntheticDriver.Raised} events raised, {proposalDriver.Decided} decisions, {cluster.Kills.Count} kills, {cluster.ReadyProcesses().Count} ready", patience.Token);

            await KillAsync(options, cluster, progress, cancellationToken);
            patience.CancelAfter(options.CompletionTimeout);
            await WaitForFinishAsync(driving, store, progress, patience.Token);
            report.WorkloadSeconds = Math.Round(workloadClock.Elapsed.TotalSeconds, 1);
            await patience.CancelAsync();
            await watching;
            await cluster.WaitForRestartsAsync();

            await progress.WriteLineAsync($"[{clock.Elapsed.TotalSeconds:0}s] verifying {expected.Count} instances");
            report.Kills = cluster.Kills.Count;
            report.DecisionsConfirmed = proposalDriver.Decided;
            report.EventsHeldForStart = syntheticDriver.HeldForStart;
            foreach ((string page, int count) in proposalDriver.Pages)
            {
                report.ConfirmationPages[page] = count;
            }

            await SoakVerifier.VerifyAsync(report, expected, proposals, store, outbox, cluster, data, cancellationToken);
        }
        finally
        {
            report.ServerErrors = cluster.ServerErrors;
            report.StoreBusyAnswers = cluster.StoreBusyAnswers;
            report.ConnectionFailures = cluster.ConnectionFailures;
            report.ProcessesStarted = cluster.Processes.Count;
            foreach (string finding in cluster.Findings)
            {
                string? log = HostLogExcerpt.ForTraceIn(Path.Combine(folder, "logs"), finding);
                report.Find("cluster: " + finding + (log is null ? string.Empty : " | log: " + log));
            }

            await stopOutbox.CancelAsync();
            await reading;
            await cluster.DisposeAsync();
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            // A run that found a problem, or met a server error, keeps its folder (store, outbox, host logs) for a person
            // to follow it up.
            if (options.KeepData || !report.Clean || report.ServerErrors > 0)
            {
                report.KeptFolder = folder;
            }
            else
            {
                TryDelete(folder);
            }

            report.DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        }

        return report;
    }

    /// <summary>Runs <paramref name="run"/> on each item, the starts spread evenly over <paramref name="span"/>; a run
    /// cut short by <paramref name="cancellationToken"/> (the patience running out) just ends.</summary>
    private static async Task Paced<T>(IReadOnlyList<T> items, TimeSpan span, Func<T, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var running = new List<Task>(items.Count);
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                TimeSpan due = items.Count > 1 ? span * i / (items.Count - 1) : TimeSpan.Zero;
                // Read once: read after the check, the wait could be -1 ms, which Task.Delay takes as infinite.
                TimeSpan wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                T item = items[i];
                running.Add(Task.Run(() => run(item, cancellationToken), cancellationToken));
            }

            await Task.WhenAll(running);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task KillAsync(SoakOptions options, HostCluster cluster, TextWriter progress, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed ^ 0x50AC);
        for (int kill = 1; kill <= options.Kills; kill++)
        {
            double spread = (options.MaxKillInterval - options.MinKillInterval).TotalMilliseconds;
            await Task.Delay(options.MinKillInterval + TimeSpan.FromMilliseconds(random.NextDouble() * spread), cancellationToken);

            // Another process stays up to take the victim's work (unless there is only one).
            IReadOnlyList<HostProcess> ready = cluster.ReadyProcesses();
            for (var waited = Stopwatch.StartNew(); ready.Count < Math.Min(2, options.Hosts) && waited.Elapsed < TimeSpan.FromMinutes(3); ready = cluster.ReadyProcesses())
            {
                await Task.Delay(200, cancellationToken);
            }

            if (ready.Count == 0)
            {
                cluster.Find($"no process was ready for kill {kill}");
                continue;
            }

            HostProcess victim = ready.OrderBy(p => p.Slot).ElementAt(random.Next(ready.Count));
            KillRecord record = cluster.Kill(victim.Slot, cancellationToken);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"kill {record.Number}: SIGKILL of host {record.Slot} (pid {record.ProcessId}), holding {record.InHand.Count} instances ({record.InHand.Count(h => h.Session)} in sessions, {record.InHand.Sum(h => h.Activities.Count)} activities)"));
        }
    }

    private static async Task WaitForFinishAsync(Task driving, StoreClient store, TextWriter progress, CancellationToken patience)
    {
        try
        {
            await driving.WaitAsync(patience);
            while (await store.CountLiveAsync(patience) > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), patience);
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            await progress.WriteLineAsync("the patience after the last kill ran out with instances unfinished");
        }
    }

    private static async Task WatchAsync(TextWriter progress, Stopwatch clock, Func<string> state, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ProgressInterval, cancellationToken);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds:0}s] {state()}"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
