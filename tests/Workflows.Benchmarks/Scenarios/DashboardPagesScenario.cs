using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>The dashboard's pages end to end, as an operator's browser asks for them: the governance app is started as a
/// process of its own on the store the <see cref="DashboardQueriesScenario"/> seeded, signed in with its admin key, and
/// each page is requested over HTTP on 127.0.0.1 several times; the median time to the last byte is reported.</summary>
internal static partial class DashboardPagesScenario
{
    private const string AdminKey = "benchmark-admin-key";
    private const int Runs = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string dataDirectory, int instances, BenchmarkReport report, CancellationToken cancellationToken)
    {
        string? app = FindApp();
        if (app is null)
        {
            Progress.Info("dashboard pages: skipped, the governance app's build output was not found next to this program's");
            return;
        }

        int port = FreePort();
        string workFolder = Directory.CreateDirectory(Path.Combine(dataDirectory, "app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workFolder, "host.json"), """{ "version": "2.0" }""", cancellationToken);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.Environment["DataDirectory"] = dataDirectory;
        start.Environment["Security__AdminKey"] = AdminKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("The governance app did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForHealthAsync(http, process, cancellationToken);
            await SignInAsync(http, cancellationToken);
            (string Figure, string Url)[] pages =
            [
                ("dashboardPageListMs", "/dashboard"),
                ("dashboardPageStatusByUpdatedMs", "/dashboard?status=Running&status=Suspended&sort=updated"),
                ("dashboardPageByNameMs", "/dashboard?sort=name&size=200"),
                ("dashboardPageCustomStatusMs", "/dashboard?custom=awaiting%20congress"),
                ("dashboardPageInstanceMs", $"/dashboard/instances/inst-{instances / 3:D7}"),
                ("dashboardPageProposalsMs", "/dashboard/proposals"),
            ];
            foreach ((string figure, string url) in pages)
            {
                (double median, double max, long bytes) = await MeasureAsync(http, url, cancellationToken);
                report.Add(figure, median, 2);
                Progress.Info($"dashboard pages: {url} median {median:F1} ms, max {max:F1} ms ({bytes / 1024.0:F0} KiB)");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<(double Median, double Max, long Bytes)> MeasureAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        long bytes = await GetAsync(http, url, cancellationToken);
        var times = new List<double>(Runs);
        for (int i = 0; i < Runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            bytes = await GetAsync(http, url, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return (Percentiles.Of(times, 50), times[^1], bytes);
    }

    private static async Task<long> GetAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? body.Length
            : throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}, not 200.");
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process process, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The governance app exited with code {process.ExitCode} before it answered.");
            }

            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    Progress.Info($"dashboard pages: the app answered after {clock.Elapsed.TotalSeconds:F1}s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException("The governance app did not answer /healthz within a minute.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Signs in as the sign-in page asks: its form's anti-forgery field, and the key.</summary>
    private static async Task SignInAsync(HttpClient http, CancellationToken cancellationToken)
    {
        string page = await http.GetStringAsync(new Uri("/dashboard/signin", UriKind.Relative), cancellationToken);
        Match token = HiddenField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no anti-forgery field.");
        }

        using var form = new FormUrlEncodedContent([KeyValuePair.Create(WebUtility.HtmlDecode(token.Groups["name"].Value), WebUtility.HtmlDecode(token.Groups["value"].Value)), KeyValuePair.Create("key", AdminKey)]);
        using HttpResponseMessage signedIn = await http.PostAsync(new Uri("/dashboard/signin", UriKind.Relative), form, cancellationToken);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode}, not 302.");
        }
    }

    /// <summary>The governance app's build output of the same configuration as this program's: the benchmark project
    /// builds it (without referencing it), so it sits in the repository's functions folder.</summary>
    private static string? FindApp()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string? configuration = output.Parent?.Name;
        for (DirectoryInfo? folder = output; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")) && configuration is not null)
            {
                string app = Path.Combine(folder.FullName, "functions", "Workflows.Functions", "bin", configuration, framework, "Workflows.Functions.dll");
                return File.Exists(app) ? app : null;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();
}
