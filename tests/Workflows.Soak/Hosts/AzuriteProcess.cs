using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Workflows.Soak.Hosts;

/// <summary>Azurite (blob, queue and table) from the repository's <c>.tools/azurite</c> (which <c>./test.sh</c>
/// installs), on free 127.0.0.1 ports with telemetry off and its data in the run's folder. A preloaded script ends it
/// when the soak is gone; <see cref="DisposeAsync"/> stops it by its own process id.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account key (public, documented by Microsoft).</summary>
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ExitWithParent =
        "const p = Number(process.env.SOAK_PID); setInterval(() => { try { process.kill(p, 0); } catch { process.exit(0); } }, 1000).unref();";

    private readonly Process process;

    private AzuriteProcess(Process process, string connectionString)
    {
        this.process = process;
        this.ConnectionString = connectionString;
    }

    /// <summary>The connection string of the development account on this Azurite.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts Azurite with its data under <paramref name="folder"/> and waits until its three ports accept.</summary>
    public static async Task<AzuriteProcess> StartAsync(string folder, CancellationToken cancellationToken)
    {
        string script = Script();
        string watchdog = Path.Combine(folder, "exit-with-soak.js");
        await File.WriteAllTextAsync(watchdog, ExitWithParent, cancellationToken);
        (int blob, int queue, int table) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SOAK_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(watchdog);
        start.ArgumentList.Add(script);
        foreach ((string service, int port) in new[] { ("blob", blob), ("queue", queue), ("table", table) })
        {
            start.ArgumentList.Add($"--{service}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{service}Port");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        foreach (string argument in (string[])["--location", Directory.CreateDirectory(Path.Combine(folder, "azurite")).FullName, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string connection = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
        var azurite = new AzuriteProcess(process, connection);
        var clock = Stopwatch.StartNew();
        while (!(await AcceptsAsync(blob) && await AcceptsAsync(queue) && await AcceptsAsync(table)))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite ({script}) did not listen on 127.0.0.1:{blob}, {queue} and {table} within 60 s.");
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

    /// <summary>SIGTERM to Azurite's own pid; SIGKILL when it still runs two seconds later (node can linger).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!this.process.HasExited)
        {
            using (Process? term = Process.Start(new ProcessStartInfo("kill", ["-TERM", this.process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await (term?.WaitForExitAsync() ?? Task.CompletedTask);
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
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

        this.process.Dispose();
    }

    private static string Script()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")))
            {
                string script = Path.Combine(folder.FullName, ".tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
                return File.Exists(script) ? script : throw new InvalidOperationException($"Azurite is not installed at {script}: run ./test.sh once (or tests/install-test-tools.sh).");
            }
        }

        throw new InvalidOperationException("The soak does not run from a build inside the repository, so .tools/azurite cannot be found.");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
