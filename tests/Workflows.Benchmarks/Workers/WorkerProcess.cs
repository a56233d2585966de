using System.Diagnostics;

namespace Workflows.Benchmarks.Workers;

/// <summary>A child process running <see cref="WorkerProcessMode"/> on a store; disposing it closes its input (a
/// graceful stop) and kills it if it has not exited soon after.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;

    private WorkerProcess(Process process) => this.process = process;

    public int Id => this.process.Id;

    /// <summary>Starts a worker on <paramref name="databasePath"/> and waits for its ready line.</summary>
    public static async Task<WorkerProcess> StartAsync(string databasePath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };

        // Run as we were run: the app host, or dotnet with our assembly.
        string self = Environment.ProcessPath ?? "dotnet";
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--worker-store");
        start.ArgumentList.Add(databasePath);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var worker = new WorkerProcess(process);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == WorkerProcessMode.ReadyLine)
                {
                    return worker;
                }
            }

            throw new InvalidOperationException($"Worker process {process.Id} exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!this.process.HasExited)
            {
                this.process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await this.process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    this.process.Kill(entireProcessTree: true);
                    await this.process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            this.process.Dispose();
        }
    }
}
