using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>One run of the crash host program as a child process: <c>dotnet Workflows.Durable.CrashHost.dll ...</c>.</summary>
/// <remarks>Its output is kept for diagnostics. <see cref="Kill"/> is SIGKILL on Linux; <see cref="Dispose"/> kills the
/// process if it still runs, by its own id, so that no test leaves a process behind.</remarks>
public sealed class CrashHostProcess : IDisposable
{
    private const int MaxLines = 2000;

    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool disposed;

    private CrashHostProcess(string name, Process process)
    {
        this.Name = name;
        this.process = process;
    }

    /// <summary>The label used in logs.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id { get; private set; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => this.exited.Task.IsCompleted;

    /// <summary>The path of the host program, copied next to the test assembly by the project reference.</summary>
    public static string HostAssemblyPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Workflows.Durable.CrashHost.dll");
            if (!File.Exists(path) || !File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
            {
                throw new FileNotFoundException(
                    "The crash host program is not next to the test assembly; it is built and copied through the ProjectReference " +
                    "to Workflows.Durable.CrashHost in Workflows.Durable.CrashTests.csproj.",
                    path);
            }

            return path;
        }
    }

    /// <summary>Starts the host program with arguments.</summary>
    public static CrashHostProcess Start(string name, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(DotnetPath())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(HostAssemblyPath);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new CrashHostProcess(name, process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => host.exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {info.FileName} {string.Join(' ', info.ArgumentList)}.");
        }

        host.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until the worker prints that its host started; fails if the process ends first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        Task first = await Task.WhenAny(this.ready.Task, this.exited.Task, Task.Delay(timeout));
        if (first != this.ready.Task)
        {
            throw new InvalidOperationException(
                $"{this.Name} (pid {this.Id}) did not start within {timeout.TotalSeconds:0} s{(this.HasExited ? " and exited" : string.Empty)}.\n{this.Output}");
        }
    }

    /// <summary>Waits until the process ends by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await this.process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{this.Name} (pid {this.Id}) did not exit within {timeout.TotalSeconds:0} s.\n{this.Output}");
        }

        return this.process.ExitCode;
    }

    /// <summary>Kills the process (SIGKILL on Linux) and waits until it is gone.</summary>
    public void Kill()
    {
        if (this.disposed)
        {
            return;
        }

        try
        {
            if (!this.process.HasExited)
            {
                this.process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }

        this.process.WaitForExit(10_000);
    }

    /// <summary>The last lines the process wrote, standard error marked.</summary>
    public string Output => $"--- output of {this.Name} (pid {this.Id}) ---\n" + string.Join('\n', this.lines);

    /// <inheritdoc/>
    public void Dispose()
    {
        this.Kill();
        this.disposed = true;
        this.process.Dispose();
    }

    private static string DotnetPath()
    {
        // Under 'dotnet test' the test host runs in the dotnet muxer; its path is the surest way to the same runtime.
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        if (!isError && line.StartsWith("ready ", StringComparison.Ordinal))
        {
            this.ready.TrySetResult();
        }

        this.lines.Enqueue(isError ? "! " + line : line);
        while (this.lines.Count > MaxLines && this.lines.TryDequeue(out _))
        {
        }
    }
}
