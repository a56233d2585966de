using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Workflows.Functions.Tests.Documents;

/// <summary>A real Azurite blob service for the tests of a collection: started from the copy that
/// tests/install-test-tools.sh installs into {repo}/.tools/azurite, on a free port with its data in a temporary folder,
/// and stopped (by its own pid) on dispose. It runs without --skipApiVersionCheck, so the tests also prove that the
/// service version the stores pin is one Azurite accepts. A preloaded watchdog ends it when the test host is gone, so a
/// killed or crashed test run (where Dispose never runs) leaves no emulator behind. <see cref="AzuriteTablesFixture"/>
/// starts the blob, queue and table services together.</summary>
public class AzuriteFixture : IDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string RelativeMainPath = ".tools/azurite/node_modules/azurite/dist/src/blob/main.js";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Preloaded into node: exits once the process named by AZURITE_TEST_PARENT_PID no longer exists.</summary>
    private const string Watchdog = """
        const parent = Number(process.env.AZURITE_TEST_PARENT_PID);
        if (parent > 0) {
          setInterval(() => {
            try { process.kill(parent, 0); } catch (e) { if (e.code === 'ESRCH') { process.exit(0); } }
          }, 1000).unref();
        }
        """;

    private readonly StringBuilder output = new();
    private readonly string folder;
    private readonly string watchdog;
    private readonly Process process;
    private readonly bool withTables;

    public AzuriteFixture(IMessageSink diagnostics)
        : this(diagnostics, withTables: false)
    {
    }

    /// <summary>Starts the blob service alone, or with <paramref name="withTables"/> the blob, queue and table services.</summary>
    protected AzuriteFixture(IMessageSink diagnostics, bool withTables)
    {
        this.withTables = withTables;
        string main = FindAzurite(AppContext.BaseDirectory);
        if (withTables)
        {
            main = Path.Combine(Path.GetDirectoryName(main)!, "..", "azurite.js");
        }

        this.folder = Directory.CreateTempSubdirectory("azurite-").FullName;
        this.Location = Directory.CreateDirectory(Path.Combine(this.folder, "data")).FullName;
        this.watchdog = Path.Combine(this.folder, "exit-with-parent.js");
        File.WriteAllText(this.watchdog, Watchdog);
        var stopwatch = Stopwatch.StartNew();

        // A port that was free a moment ago can be taken by another process before Azurite binds it; try again then.
        for (int attempt = 1; ; attempt++)
        {
            this.Port = FreePort();
            this.QueuePort = withTables ? FreePort() : 0;
            this.TablePort = withTables ? FreePort() : 0;
            this.process = this.Start(main);
            try
            {
                if (this.WaitUntilListening())
                {
                    break;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException($"Azurite ({main}) exited with code {this.process.ExitCode} before listening on port {this.Port}:\n{this.Output}");
                }
            }
            catch
            {
                this.Stop();
                throw;
            }

            this.process.Dispose();
        }

        this.StartupTime = stopwatch.Elapsed;
        diagnostics?.OnMessage(new DiagnosticMessage($"Azurite (pid {this.process.Id}) listens on 127.0.0.1:{this.Port} after {this.StartupTime.TotalSeconds:0.00} s."));
        this.ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{this.Port}/{AccountName};" +
            (withTables ? $"QueueEndpoint=http://127.0.0.1:{this.QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{this.TablePort}/{AccountName};" : string.Empty);
    }

    public int Port { get; private set; }

    /// <summary>The queue service's port (0 unless the table and queue services run).</summary>
    public int QueuePort { get; private set; }

    /// <summary>The table service's port (0 unless the table and queue services run).</summary>
    public int TablePort { get; private set; }

    public string Location { get; }

    public string ConnectionString { get; }

    /// <summary>From starting node to the port answering.</summary>
    public TimeSpan StartupTime { get; }

    public int ProcessId => this.process.Id;

    private string Output
    {
        get
        {
            lock (this.output)
            {
                return this.output.ToString();
            }
        }
    }

    public void Dispose()
    {
        this.Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops Azurite and removes its data.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        this.Stop();
        this.process.Dispose();
        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Azurite's blob main.js in the .tools folder of the repository above <paramref name="startFolder"/>; throws,
    /// saying to run ./test.sh, when it is not installed, so that the Azurite tests fail rather than skip.</summary>
    internal static string FindAzurite(string startFolder)
    {
        for (DirectoryInfo? folder = new(startFolder); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")))
            {
                string main = Path.Combine(folder.FullName, RelativeMainPath);
                return File.Exists(main)
                    ? main
                    : throw new InvalidOperationException(
                        $"Azurite is not installed: {main} is missing. Run ./test.sh, which installs it (or run tests/install-test-tools.sh, " +
                        "which puts azurite@3.37.0 into .tools/azurite), then run the tests again.");
            }
        }

        throw new InvalidOperationException($"No Workflows.sln above {startFolder}, so the repository's .tools/azurite cannot be found. Run ./test.sh from the repository.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private Process Start(string main)
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AZURITE_TEST_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string argument in new[] { "--require", this.watchdog, main, "--blobHost", "127.0.0.1", "--blobPort", this.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", this.Location, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        if (this.withTables)
        {
            foreach (string argument in new[]
            {
                "--queueHost", "127.0.0.1", "--queuePort", this.QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", this.TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--disableTelemetry",
            })
            {
                start.ArgumentList.Add(argument);
            }
        }

        Process started;
        try
        {
            started = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Azurite needs Node.js: 'node' could not be started. Install Node.js 20 or later, then run ./test.sh.", exception);
        }

        started.OutputDataReceived += (_, e) => this.Append(e.Data);
        started.ErrorDataReceived += (_, e) => this.Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (this.output)
            {
                this.output.AppendLine(line);
            }
        }
    }

    /// <summary>True once the port accepts a connection; false when Azurite exited first.</summary>
    private bool WaitUntilListening()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (this.process.HasExited)
            {
                return false;
            }

            try
            {
                foreach (int port in new[] { this.Port, this.QueuePort, this.TablePort }.Where(p => p != 0))
                {
                    using var client = new TcpClient();
                    client.Connect(System.Net.IPAddress.Loopback, port);
                }

                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {this.Port} within {StartTimeout.TotalSeconds} s:\n{this.Output}");
    }

    /// <summary>SIGTERM to Azurite's own pid, then SIGKILL when it is still running after a second (node can linger).</summary>
    private void Stop()
    {
        try
        {
            if (this.process.HasExited)
            {
                return;
            }

            if (!OperatingSystem.IsWindows())
            {
                using Process? kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", this.process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                kill?.WaitForExit(5000);
                if (this.process.WaitForExit(1000))
                {
                    return;
                }
            }

            this.process.Kill();
            this.process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
