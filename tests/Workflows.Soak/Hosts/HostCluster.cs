using System.Collections.Concurrent;
using System.Globalization;

namespace Workflows.Soak.Hosts;

/// <summary>The soak's host processes: a fixed number of slots, each running one process of the service at a time; a
/// killed process is replaced by a new one on a new port. Requests go to a random ready process and move to another
/// when the one they reached dies under them.</summary>
public sealed class HostCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RequestPatience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string folder;
    private readonly TextWriter progress;
    private readonly HostProcess?[] slots;
    private readonly List<HostProcess> everyProcess = [];
    private readonly ConcurrentDictionary<string, HostProcess> lastEpisodeBy = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> findings = [];
    private readonly List<Task> restarts = [];
    private readonly Random pick = new();
    private int serverErrors;
    private int storeBusyAnswers;
    private int connectionFailures;

    public HostCluster(int hosts, IReadOnlyDictionary<string, string> environment, string folder, TimeSpan sessionHold, TextWriter progress)
    {
        this.slots = new HostProcess?[hosts];
        this.environment = environment;
        this.folder = folder;
        this.SessionHold = sessionHold;
        this.progress = progress;
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        this.Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The client every request goes through (no redirects, no cookies).</summary>
    public HttpClient Http { get; }

    /// <summary>How long after its last episode a process may still hold an instance (the extended session's idle time
    /// and a margin).</summary>
    public TimeSpan SessionHold { get; }

    /// <summary>The kills so far.</summary>
    public List<KillRecord> Kills { get; } = [];

    /// <summary>5xx responses received (each retried on another process).</summary>
    public int ServerErrors => this.serverErrors;

    /// <summary>503 answers with <c>Retry-After</c> (the store was busy), each retried after the wait it asked for.</summary>
    public int StoreBusyAnswers => this.storeBusyAnswers;

    /// <summary>Requests whose connection failed or timed out (each retried on another process).</summary>
    public int ConnectionFailures => this.connectionFailures;

    /// <summary>What went wrong with the processes or requests, for the report.</summary>
    public IReadOnlyCollection<string> Findings => this.findings;

    /// <summary>Every process started, in order.</summary>
    public IReadOnlyList<HostProcess> Processes
    {
        get
        {
            lock (this.everyProcess)
            {
                return [.. this.everyProcess];
            }
        }
    }

    /// <summary>Starts the first process and waits until it is ready (it creates the store and the key ring), then
    /// the others.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await this.StartSlotAsync(0, cancellationToken);
        await Task.WhenAll(Enumerable.Range(1, this.slots.Length - 1).Select(slot => this.StartSlotAsync(slot, cancellationToken)));
    }

    /// <summary>The ready processes.</summary>
    public IReadOnlyList<HostProcess> ReadyProcesses() => [.. this.slots.Where(h => h is { Ready: true, HasExited: false }).Select(h => h!)];

    /// <summary>SIGKILLs the process in <paramref name="slot"/>, notes what it had in hand, and starts its replacement
    /// (without waiting for it).</summary>
    public KillRecord Kill(int slot, CancellationToken cancellationToken)
    {
        HostProcess victim = this.slots[slot] ?? throw new InvalidOperationException($"Slot {slot} has no process.");
        DateTime at = DateTime.UtcNow;
        victim.Kill();
        IReadOnlyList<Tracking.HeldWork> inHand = victim.Work.InHand(at, this.SessionHold, id => this.lastEpisodeBy.TryGetValue(id, out HostProcess? last) && last == victim);
        var record = new KillRecord(this.Kills.Count + 1, at, slot, victim.Id, inHand);
        this.Kills.Add(record);
        lock (this.restarts)
        {
            this.restarts.Add(this.StartSlotAsync(slot, cancellationToken));
        }

        return record;
    }

    /// <summary>Waits for the replacements started so far.</summary>
    public async Task WaitForRestartsAsync()
    {
        Task[] pending;
        lock (this.restarts)
        {
            pending = [.. this.restarts];
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Sends the request <paramref name="build"/> makes for a process's address to a random ready process,
    /// again to another while the connection fails or the answer is a 5xx, for up to three minutes.</summary>
    public async Task<HostAnswer> SendAsync(Func<Uri, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        DateTime giveUp = DateTime.UtcNow + RequestPatience;
        while (true)
        {
            TimeSpan pause = RetryPause;
            HostProcess? host = this.PickReady();
            if (host is not null)
            {
                using HttpRequestMessage request = build(host.Url);
                try
                {
                    using HttpResponseMessage response = await this.Http.SendAsync(request, cancellationToken);
                    string body = await response.Content.ReadAsStringAsync(cancellationToken);
                    if ((int)response.StatusCode < 500)
                    {
                        IEnumerable<string> cookies = response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? set) ? set : [];
                        return new HostAnswer(response.StatusCode, body, [.. cookies.Select(c => c.Split(';', 2)[0])]);
                    }

                    if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait)
                    {
                        // The service's own "store busy, try again": not a failure, but the wait it asks for is honoured.
                        Interlocked.Increment(ref this.storeBusyAnswers);
                        pause = wait < MaxRetryAfter ? wait : MaxRetryAfter;
                    }
                    else
                    {
                        Interlocked.Increment(ref this.serverErrors);
                        this.Find($"{(int)response.StatusCode} from {request.Method} {request.RequestUri?.AbsolutePath} on pid {host.Id}: {(body.Length > 300 ? body[..300] : body)}");
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref this.connectionFailures);
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref this.connectionFailures);
                }
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"No process answered {build(new Uri("http://127.0.0.1")).RequestUri?.AbsolutePath} within {RequestPatience.TotalMinutes} minutes.");
            }

            await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>POSTs <paramref name="json"/> to <paramref name="path"/> with the admin key, as <see cref="SendAsync"/> does.</summary>
    public Task<HostAnswer> PostJsonAsync(string path, string json, string adminKey, CancellationToken cancellationToken) =>
        this.SendAsync(
            url =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, path)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
                request.Headers.Add("x-functions-key", adminKey);
                return request;
            },
            cancellationToken);

    /// <summary>Notes a finding (the first 50 are kept).</summary>
    public void Find(string finding)
    {
        if (this.findings.Count < 50)
        {
            this.findings.Add(finding);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (HostProcess process in this.Processes)
        {
            process.Dispose();
        }

        try
        {
            await this.WaitForRestartsAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            // A replacement that did not start is reported already.
        }

        // A replacement started while the others were being stopped.
        foreach (HostProcess process in this.Processes)
        {
            process.Dispose();
        }

        this.Http.Dispose();
    }

    private HostProcess? PickReady()
    {
        IReadOnlyList<HostProcess> ready = this.ReadyProcesses();
        if (ready.Count == 0)
        {
            return null;
        }

        lock (this.pick)
        {
            return ready[this.pick.Next(ready.Count)];
        }
    }

    private async Task StartSlotAsync(int slot, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            HostProcess process;
            lock (this.everyProcess)
            {
                int generation = this.everyProcess.Count(p => p.Slot == slot);
                string log = Path.Combine(this.folder, "logs", string.Create(CultureInfo.InvariantCulture, $"host{slot}-{generation}.log"));
                process = HostProcess.Start(slot, generation, this.environment, this.folder, log, (host, id) => this.lastEpisodeBy[id] = host);
                this.everyProcess.Add(process);
            }

            this.slots[slot] = process;
            if (await process.WaitUntilReadyAsync(this.Http, StartTimeout, cancellationToken))
            {
                await this.progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"host {slot} (pid {process.Id}) ready at {process.Url}"));
                return;
            }

            process.Kill();
            this.Find($"host {slot} (pid {process.Id}) was not ready within {StartTimeout.TotalSeconds} s: {process.LastLines}");
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Host {slot} did not start three times in a row; its last lines:\n{process.LastLines}");
            }
        }
    }
}
