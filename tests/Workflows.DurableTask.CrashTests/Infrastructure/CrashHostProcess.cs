using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Workflows.DurableTask.CrashHost.Store;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>One run of the crash host program as a child process (<c>dotnet Workflows.DurableTask.CrashHost.dll</c>).</summary>
/// <remarks>Its standard input is a pipe that this process never writes to: when this process dies, the pipe closes and
/// the host exits by itself. <see cref="Kill"/> is SIGKILL; <see cref="Dispose"/> kills the process if it still runs,
/// by its own id. The last lines it wrote are kept for failure messages.</remarks>
public sealed class CrashHostProcess : IDisposable
{
    private const int KeptLines = 400;
    private const string HostFileName = "Workflows.DurableTask.CrashHost.dll";

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CrashHostProcess(string name, CrashStore store, string effectsPath)
    {
        string host = Path.Combine(AppContext.BaseDirectory, HostFileName);
        if (!File.Exists(host) || !File.Exists(Path.ChangeExtension(host, ".runtimeconfig.json")))
        {
            throw new FileNotFoundException(
                $"{HostFileName} is not next to the test assembly; the ProjectReference to Workflows.DurableTask.CrashHost copies it there.", host);
        }

        var start = new ProcessStartInfo(DotnetExecutable())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment[CrashStore.ConnectionVariable] = store.ConnectionString;
        start.ArgumentList.Add(host);
        foreach (string argument in store.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string argument in (string[])["--effects", effectsPath, "--max-seconds", "300", "--exit-when-input-closes"])
        {
            start.ArgumentList.Add(argument);
        }

        this.Name = name;
        this.process = new Process { StartInfo = start, EnableRaisingEvents = true };
        this.process.OutputDataReceived += (_, e) => this.Keep(e.Data, error: false);
        this.process.ErrorDataReceived += (_, e) => this.Keep(e.Data, error: true);
        this.process.Exited += (_, _) => this.exited.TrySetResult();
    }

    /// <summary>The label used in logs.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id { get; private set; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => this.exited.Task.IsCompleted;

    /// <summary>The last lines the process wrote (standard error marked with '!').</summary>
    public string Output => $"--- {this.Name} (pid {this.Id}) ---\n" + string.Join('\n', this.lines);

    /// <summary>Starts a worker on <paramref name="store"/> that records its activities' effects in
    /// <paramref name="effectsPath"/>.</summary>
    public static CrashHostProcess Start(string name, CrashStore store, string effectsPath)
    {
        var host = new CrashHostProcess(name, store, effectsPath);
        if (!host.process.Start())
        {
            throw new InvalidOperationException($"Could not start {host.process.StartInfo.FileName} for {name}.");
        }

        host.Id = host.process.Id;
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the host prints that it started; fails if it exits first or takes longer than
    /// <paramref name="timeout"/>.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        Task first = await Task.WhenAny(this.ready.Task, this.exited.Task, Task.Delay(timeout));
        if (first != this.ready.Task)
        {
            string what = this.HasExited ? "exited before it was ready" : string.Create(CultureInfo.InvariantCulture, $"was not ready within {timeout.TotalSeconds:0} s");
            throw new InvalidOperationException($"{this.Name} (pid {this.Id}) {what}.\n{this.Output}");
        }
    }

    /// <summary>SIGKILLs the process and waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            this.process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }

        if (!this.process.WaitForExit(10_000))
        {
            throw new InvalidOperationException($"{this.Name} (pid {this.Id}) was still running 10 s after SIGKILL.");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.Id != 0 && !this.HasExited)
        {
            this.Kill();
        }

        this.process.Dispose();
    }

    private static string DotnetExecutable()
    {
        // Under 'dotnet test' the test host runs in the dotnet muxer: the surest way to the same runtime.
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } muxer && File.Exists(muxer) ? muxer : "dotnet";
    }

    private void Keep(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        if (!error && line.StartsWith("ready ", StringComparison.Ordinal))
        {
            this.ready.TrySetResult();
        }

        this.lines.Enqueue(error ? "! " + line : line);
        while (this.lines.Count > KeptLines)
        {
            this.lines.TryDequeue(out _);
        }
    }
}
