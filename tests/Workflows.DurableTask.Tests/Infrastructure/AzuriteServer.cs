using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Workflows.DurableTask.Tests.Infrastructure;

/// <summary>One real Azurite (blob, queue and table services) for the whole test project: started from the copy
/// tests/install-test-tools.sh puts into {repo}/.tools/azurite, on free 127.0.0.1 ports with its data in a temporary
/// folder, stopped by its own pid and its folder deleted on dispose. A preloaded watchdog ends it when the test host
/// is gone, so a killed test run leaves no emulator behind. Tests get a connection string and a task hub of their own.</summary>
public sealed class AzuriteServer : IDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string RelativeMainPath = ".tools/azurite/node_modules/azurite/dist/src/azurite.js";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static int hubCounter;

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
    private readonly string location;
    private readonly string watchdog;
    private readonly Process process;

    public AzuriteServer(IMessageSink diagnostics)
    {
        string main = FindAzurite(AppContext.BaseDirectory);
        this.folder = Directory.CreateTempSubdirectory("azurite-dt-").FullName;
        this.location = Directory.CreateDirectory(Path.Combine(this.folder, "data")).FullName;
        this.watchdog = Path.Combine(this.folder, "exit-with-parent.js");
        File.WriteAllText(this.watchdog, Watchdog);
        var stopwatch = Stopwatch.StartNew();

        // A port free a moment ago can be taken before Azurite binds it; try again with new ports then.
        for (int attempt = 1; ; attempt++)
        {
            (this.BlobPort, this.QueuePort, this.TablePort) = (FreePort(), FreePort(), FreePort());
            this.process = this.Start(main);
            try
            {
                if (this.WaitUntilListening())
                {
                    break;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException($"Azurite ({main}) exited with code {this.process.ExitCode} before listening:\n{this.Output}");
                }
            }
            catch
            {
                this.Stop();
                throw;
            }

            this.process.Dispose();
        }

        diagnostics?.OnMessage(new DiagnosticMessage(
            $"Azurite (pid {this.process.Id}) listens on 127.0.0.1 blob {this.BlobPort}, queue {this.QueuePort}, table {this.TablePort} after {stopwatch.Elapsed.TotalSeconds:0.00} s."));
        this.ConnectionString = BuildConnectionString(this.BlobPort, this.QueuePort, this.TablePort);
    }

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>The connection string of this Azurite (the well-known development account, explicit endpoints).</summary>
    public string ConnectionString { get; }

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

    /// <summary>A connection string for the development account at the given ports on 127.0.0.1.</summary>
    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>A connection string to this Azurite and a task hub name of its own, for one test (or test class).</summary>
    public AzuriteTaskHub NewTaskHub(string prefix = "t") => new(this.ConnectionString, NewTaskHubName(prefix));

    /// <summary>A task hub name no other test uses (Azure Storage: letters and digits, starting with a letter, at most
    /// 45 characters), beginning with <paramref name="prefix"/>'s letters.</summary>
    public static string NewTaskHubName(string prefix = "t")
    {
        string letters = new([.. prefix.Where(char.IsAsciiLetterOrDigit).Take(20)]);
        if (letters.Length == 0 || !char.IsAsciiLetter(letters[0]))
        {
            letters = "t" + letters;
        }

        int number = Interlocked.Increment(ref hubCounter);
        return string.Create(CultureInfo.InvariantCulture, $"{letters}{number}x{Guid.NewGuid():N}")[..Math.Min(45, letters.Length + 14)];
    }

    public void Dispose()
    {
        this.Stop();
        this.process.Dispose();
        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The folder holding Workflows.sln above <paramref name="startFolder"/>.</summary>
    public static string FindRepositoryRoot(string startFolder)
    {
        for (DirectoryInfo? folder = new(startFolder); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Workflows.sln above {startFolder}, so the repository's .tools/azurite cannot be found. Run ./test.sh from the repository.");
    }

    /// <summary>Azurite's azurite.js (all three services) in the repository's .tools folder; throws, saying how to
    /// install it, when it is missing, so that these tests fail rather than skip.</summary>
    internal static string FindAzurite(string startFolder)
    {
        string main = Path.Combine(FindRepositoryRoot(startFolder), RelativeMainPath);
        return File.Exists(main)
            ? main
            : throw new InvalidOperationException(
                $"Azurite is not installed: {main} is missing. Run ./test.sh, which installs it (or tests/install-test-tools.sh, " +
                "which puts azurite into .tools/azurite), then run the tests again.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
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
        start.Environment["AZURITE_TEST_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "--require", this.watchdog, main,
            "--blobHost", "127.0.0.1", "--blobPort", this.BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", this.QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", this.TablePort.ToString(CultureInfo.InvariantCulture),
            "--location", this.location, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        ];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
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

    /// <summary>True once all three ports accept a connection; false when Azurite exited first.</summary>
    private bool WaitUntilListening()
    {
        var waited = Stopwatch.StartNew();
        int[] ports = [this.BlobPort, this.QueuePort, this.TablePort];
        while (waited.Elapsed < StartTimeout)
        {
            if (this.process.HasExited)
            {
                return false;
            }

            if (ports.All(Accepts))
            {
                return true;
            }

            Thread.Sleep(25);
        }

        throw new TimeoutException($"Azurite did not listen within {StartTimeout.TotalSeconds} s:\n{this.Output}");
    }

    private static bool Accepts(int port)
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

    /// <summary>SIGTERM to Azurite's own pid, then SIGKILL when it still runs after a second (node can linger).</summary>
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
                using Process? kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", this.process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
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
