using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Workflows.Fuzz;

/// <summary>The self-hosted service as a process of its own on a free 127.0.0.1 port, with a temporary data folder and
/// a random admin key; every line it logs is kept for the leak check. Stopped by its own process id.</summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    private ServiceProcess(Process process, Uri url, string adminKey, string dataDirectory)
    {
        this.process = process;
        this.Url = url;
        this.AdminKey = adminKey;
        this.DataDirectory = dataDirectory;
    }

    /// <summary>The service's address.</summary>
    public Uri Url { get; }

    /// <summary>Its admin key.</summary>
    public string AdminKey { get; }

    /// <summary>Its data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => this.process.HasExited;

    /// <summary>Every line written to its stdout and stderr so far.</summary>
    public IReadOnlyCollection<string> Lines => this.lines;

    /// <summary>Starts the service and waits until it answers its health check.</summary>
    public static async Task<ServiceProcess> StartAsync(CancellationToken cancellationToken)
    {
        string data = Directory.CreateTempSubdirectory("workflows-fuzz-").FullName;
        string adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        int port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workflows.Host.dll"));
        start.ArgumentList.Add($"--urls={url}");
        start.Environment["DataDirectory"] = data;
        start.Environment["Security__AdminKey"] = adminKey;
        start.Environment["Governance__Approvals__PublicBaseUrl"] = url.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The service did not start.");
        var service = new ServiceProcess(process, url, adminKey, data);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        DateTime giveUp = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{string.Join('\n', service.lines)}");
            }

            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > giveUp)
            {
                await service.DisposeAsync();
                throw new TimeoutException("The service did not answer /healthz within 90 s.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The Data Protection key material the service wrote (what signs its links and sessions).</summary>
    public IReadOnlyList<string> SigningKeys()
    {
        string folder = Path.Combine(this.DataDirectory, "keys");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.xml").SelectMany(f => KeyValue().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Trim()))]
            : [];
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
            await this.process.WaitForExitAsync();
        }

        this.process.Dispose();
        try
        {
            Directory.Delete(this.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            this.lines.Enqueue(line);
        }
    }

    [GeneratedRegex("<value>([^<]{16,})</value>")]
    private static partial Regex KeyValue();
}
