using System.Diagnostics;
using System.Text;

namespace Workflows.Functions.Tests.Infrastructure;

/// <summary>Runs the built app as a process of its own in a temporary working directory, for behaviour that
/// WebApplicationFactory cannot show reliably: it races a failed start against the host's disposal and may report an
/// ObjectDisposedException instead of the start error.</summary>
public sealed class AppProcess : IDisposable
{
    private AppProcess(string folder) => this.Folder = folder;

    /// <summary>The working directory (and so the content root) of the process.</summary>
    public string Folder { get; }

    public static AppProcess InTemporaryFolder(string hostJson)
    {
        var app = new AppProcess(Directory.CreateTempSubdirectory("functions-process-").FullName);
        File.WriteAllText(Path.Combine(app.Folder, "host.json"), hostJson);
        return app;
    }

    /// <summary>Runs the app until it exits; kills it and fails if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<(int ExitCode, string Output)> RunUntilExitAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = this.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workflows.Host.dll"));

        // Port 0: should the start unexpectedly succeed, it must not collide with anything listening on 7071.
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.Environment["DataDirectory"] = Path.Combine(this.Folder, ".data");

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("The app process did not start.");
        var output = new StringBuilder();
        Task stdout = Copy(process.StandardOutput, output);
        Task stderr = Copy(process.StandardError, output);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"The app did not exit within {timeout}. Output:\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task Copy(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
