using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Benchmarks.Providers;

/// <summary>An Azurite with blob, queue and table services, run from the repository's <c>.tools/azurite</c> on free
/// 127.0.0.1 ports without telemetry, its data in a folder of the run; stopped by its own process id.</summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account and key (public, documented by Microsoft).</summary>
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;

    private AzuriteProcess(Process process, string connectionString)
    {
        this.process = process;
        this.ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(string dataFolder, CancellationToken cancellationToken)
    {
        string script = FindScript();
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            script, "--blobHost", "127.0.0.1", "--blobPort", Text(ports[0]), "--queueHost", "127.0.0.1", "--queuePort", Text(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]), "--location", Directory.CreateDirectory(dataFolder).FullName,
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Progress.Info($"azurite: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{ports[0]}/{Account};QueueEndpoint=http://127.0.0.1:{ports[1]}/{Account};TableEndpoint=http://127.0.0.1:{ports[2]}/{Account};"));
        try
        {
            while (!ports.All(Listening))
            {
                if (process.HasExited || clock.Elapsed > ListenTimeout)
                {
                    throw new InvalidOperationException($"Azurite ({script}) did not listen on ports {string.Join(", ", ports)} within {ListenTimeout.TotalSeconds} s.");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }

        Progress.Info($"azurite: pid {process.Id} listens on blob {ports[0]}, queue {ports[1]}, table {ports[2]} after {clock.Elapsed.TotalSeconds:F1}s");
        return azurite;
    }

    /// <summary>SIGTERM to Azurite's own pid; SIGKILL when node still runs a second later.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!this.process.HasExited)
            {
                using (Process? term = Process.Start(new ProcessStartInfo("kill", ["-TERM", Text(this.process.Id)]) { UseShellExecute = false }))
                {
                    term?.WaitForExit(5000);
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try
                {
                    await this.process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    this.process.Kill();
                    await this.process.WaitForExitAsync(CancellationToken.None);
                }
            }

            Progress.Info($"azurite: pid {this.process.Id} stopped");
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        finally
        {
            this.process.Dispose();
        }
    }

    /// <summary>azurite.js in <c>.tools/azurite</c> of the repository this program was built in.</summary>
    private static string FindScript()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")))
            {
                string script = Path.Combine(folder.FullName, ".tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
                return File.Exists(script)
                    ? script
                    : throw new InvalidOperationException($"Azurite is not installed at {script}: run ./test.sh once (it installs it), or leave Azure Storage out with --only.");
            }
        }

        throw new InvalidOperationException("This program does not run from a build inside the repository, so its .tools/azurite cannot be found.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
