using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Workflows.Soak.Tracking;

namespace Workflows.Soak.Hosts;

/// <summary>One process of the self-hosted service (<c>dotnet Workflows.Host.dll</c>) on a 127.0.0.1 port, its every
/// output line written to a log file of the run and read by a <see cref="HostWork"/>. <see cref="Kill"/> is SIGKILL, by
/// the process's own id; the process also stops by itself when the soak is gone (<c>Diagnostics:ExitWithProcessId</c>).</summary>
public sealed class HostProcess : IDisposable
{
    private const string HostFileName = "Workflows.Host.dll";
    private const int KeptLines = 60;

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly ConcurrentQueue<string> lastLines = new();
    private readonly Action<HostProcess, string> episodeSeen;
    private bool disposed;

    private HostProcess(int slot, int generation, Uri url, Process process, StreamWriter log, Action<HostProcess, string> episodeSeen)
    {
        this.Slot = slot;
        this.Generation = generation;
        this.Url = url;
        this.process = process;
        this.log = log;
        this.episodeSeen = episodeSeen;
    }

    /// <summary>The host's place in the cluster (0 to hosts - 1).</summary>
    public int Slot { get; }

    /// <summary>How many processes ran in this slot before this one.</summary>
    public int Generation { get; }

    /// <summary>The service's address.</summary>
    public Uri Url { get; }

    /// <summary>The process id.</summary>
    public int Id => this.process.Id;

    /// <summary>What the process had in hand, from its log.</summary>
    public HostWork Work { get; } = new();

    /// <summary>Whether it answered its health check since it started.</summary>
    public bool Ready { get; private set; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => this.process.HasExited;

    /// <summary>The last lines it wrote, for messages.</summary>
    public string LastLines => string.Join('\n', this.lastLines);

    /// <summary>Starts a process of the service with <paramref name="environment"/>, logging to
    /// <paramref name="logPath"/>; <paramref name="episodeSeen"/> hears of every instance whose episode it reports.</summary>
    public static HostProcess Start(int slot, int generation, IReadOnlyDictionary<string, string> environment, string workingDirectory, string logPath, Action<HostProcess, string> episodeSeen)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string host = Path.Combine(AppContext.BaseDirectory, HostFileName);
        if (!File.Exists(host))
        {
            throw new FileNotFoundException($"{HostFileName} is not beside the soak; the ProjectReference to Workflows.Host copies it there.", host);
        }

        var url = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add($"--urls={url}");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        var writer = new StreamWriter(logPath, append: true) { AutoFlush = false };
        var process = new Process { StartInfo = start };
        var started = new HostProcess(slot, generation, url, process, writer, episodeSeen);
        process.OutputDataReceived += (_, e) => started.Read(e.Data);
        process.ErrorDataReceived += (_, e) => started.Read(e.Data);
        if (!process.Start())
        {
            writer.Dispose();
            throw new InvalidOperationException($"Could not start {host}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until the service answers <c>/healthz</c> with 200; false when the process exits first or
    /// <paramref name="timeout"/> passes.</summary>
    public async Task<bool> WaitUntilReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var clock = Stopwatch.StartNew();
        while (!this.process.HasExited && clock.Elapsed < timeout)
        {
            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(TimeSpan.FromSeconds(5));
                using HttpResponseMessage health = await http.GetAsync(new Uri(this.Url, "/healthz"), probe.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    this.Ready = true;
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    /// <summary>SIGKILLs the process and waits until it is gone and its output is read to the end.</summary>
    public void Kill()
    {
        this.Ready = false;
        try
        {
            this.process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }

        // With asynchronous reading, the wait without a timeout also waits for the end of both streams.
        if (this.process.WaitForExit(30_000))
        {
            this.process.WaitForExit();
        }

        this.FlushLog();
    }

    /// <summary>Writes what is buffered to the log file.</summary>
    public void FlushLog()
    {
        lock (this.log)
        {
            this.log.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        if (!this.process.HasExited)
        {
            this.Kill();
        }

        this.process.Dispose();
        lock (this.log)
        {
            this.log.Dispose();
        }
    }

    // Run as `dotnet Workflows.Soak.dll`, the soak is itself in the muxer: the surest way to the same runtime.
    private static string DotnetExecutable() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        DateTime at = DateTime.UtcNow;
        lock (this.log)
        {
            // Stamped with the time it was read (UTC), so a kept log or a finding's excerpt shows when things happened.
            this.log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{at:HH:mm:ss.fff} {line}"));
        }

        this.lastLines.Enqueue(line);
        while (this.lastLines.Count > KeptLines)
        {
            this.lastLines.TryDequeue(out _);
        }

        if (this.Work.Observe(line, at) is { } instanceId)
        {
            this.episodeSeen(this, instanceId);
        }
    }
}
