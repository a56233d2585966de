using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.Fuzz;

/// <summary>Runs the fuzzer: seeds valid state, sends the requests in batches, and checks each response (no 5xx, no
/// stack trace, no secret to anyone without the admin key), the state after every batch in which every request that
/// could change state was refused (instance statuses and decision records as before), and the service's log.</summary>
public static partial class FuzzRunner
{
    private const int BatchSize = 250;
    private const string Management = "/runtime/webhooks/durabletask";

    /// <summary>Runs <paramref name="options"/>; progress goes to <paramref name="progress"/>.</summary>
    public static async Task<FuzzReport> RunAsync(FuzzOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ServiceProcess? service = options.Url is null ? await ServiceProcess.StartAsync(cancellationToken) : null;
        try
        {
            Uri url = service?.Url ?? options.Url!;
            string adminKey = service?.AdminKey ?? options.AdminKey ?? throw new ArgumentException("--admin-key is needed with --url.", nameof(options));
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            FuzzTargets targets = await SeedAsync(http, adminKey, options.Seed, progress, cancellationToken);
            List<string> secrets = [adminKey, .. service?.SigningKeys() ?? []];
            var report = new FuzzReport { Seed = options.Seed };
            var factory = new RequestFactory(new Random(options.Seed), targets);
            await progress.WriteLineAsync($"fuzzing {url} with {options.Requests} requests, seed {options.Seed}; {targets.ApprovalTokens.Count} approval links, {secrets.Count} secrets watched");

            bool settle = false;
            while (report.Requests < options.Requests)
            {
                // After a batch with an accepted change, that change's workflow may still be running: wait until the
                // state stands still, so that it is not taken for a change made by the next batch.
                string before = settle ? await SettledSnapshotAsync(http, adminKey, service, cancellationToken) : await SnapshotAsync(http, adminKey, service, cancellationToken);
                bool accepted = false;
                var batch = new List<FuzzRequest>();
                for (int i = 0; i < BatchSize && report.Requests < options.Requests; i++)
                {
                    FuzzRequest request = factory.Next();
                    batch.Add(request);
                    report.Requests++;
                    report.BySurface[request.Surface] = report.BySurface.GetValueOrDefault(request.Surface) + 1;
                    (int status, string body) = await SendAsync(http, request, cancellationToken);
                    report.ByStatus[status] = report.ByStatus.GetValueOrDefault(status) + 1;
                    // A redirect (to sign-in) is a refusal; only a 2xx is an accepted change.
                    accepted |= request.MayChangeState && status is >= 200 and < 300;
                    if (status >= 500)
                    {
                        report.ServerErrors++;
                        report.Find($"{status} for {request}: {Truncate(body)}");
                    }

                    bool admin = request.Headers.TryGetValue("x-functions-key", out string? key) && key == adminKey;
                    if (Leak(body, admin ? [] : secrets) is { } leak)
                    {
                        report.Leaks++;
                        report.Find($"{leak} in the response to {request}");
                    }
                }

                settle = accepted;
                if (!accepted)
                {
                    report.StateChecks++;
                    string after = await SnapshotAsync(http, adminKey, service, cancellationToken);
                    if (after != before)
                    {
                        report.StateChanges++;
                        string changed = string.Join("; ", after.Split('\n').Except(before.Split('\n')).Take(3));
                        report.Find($"the state changed in a batch of {batch.Count} refused requests, ending with {batch[^1]}: now {changed}");
                    }
                }

                await progress.WriteLineAsync($"{report.Requests} requests: {report.ServerErrors} server errors, {report.Leaks} leaks, {report.StateChanges} state changes");
            }

            if (service is not null)
            {
                if (service.HasExited)
                {
                    report.ServerErrors++;
                    report.Find("the service exited during the run");
                }

                foreach (string line in service.Lines)
                {
                    if (Leak(line, secrets) is { } leak)
                    {
                        report.Leaks++;
                        report.Find($"{leak} in the service's log: {Truncate(line)}");
                    }
                }
            }

            return report;
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    /// <summary>What in <paramref name="text"/> must not be there: a stack frame, an exception type's name, or a secret.</summary>
    public static string? Leak(string text, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        if (StackFrame().IsMatch(text))
        {
            return "a stack trace";
        }

        if (ExceptionName().Match(text) is { Success: true } exception)
        {
            return $"an exception type ({exception.Value})";
        }

        return secrets.Any(s => s.Length >= 8 && text.Contains(s, StringComparison.Ordinal)) ? "a secret" : null;
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient http, FuzzRequest request, CancellationToken cancellationToken)
    {
        // The path is appended to the authority as text, so that one starting with "//" stays a path.
        if (!Uri.TryCreate(http.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.Path, UriKind.Absolute, out Uri? target))
        {
            return (1, "not a sendable address");
        }

        using var message = new HttpRequestMessage(request.Method, target);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (!string.IsNullOrEmpty(request.ContentType) && MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type))
            {
                message.Content.Headers.ContentType = type;
            }
        }

        foreach ((string name, string value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using HttpResponseMessage response = await http.SendAsync(message, cancellationToken);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException exception) when (request.Body is { Length: > 64 * 1024 })
        {
            // Kestrel answers a request it refuses before reading a large body, and closes the connection while the
            // body is still being sent: the client sees the connection go, not the answer. Not an error of the service.
            return (0, exception.Message);
        }
        catch (HttpRequestException exception)
        {
            // Any other connection the service dropped: counted as a server error (a client's fault gets a 4xx).
            return (599, exception.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (598, "no response within 30 s");
        }
    }

    /// <summary>Three proposals started through the admin API, and the approval links their emails carry.</summary>
    private static async Task<FuzzTargets> SeedAsync(HttpClient http, string adminKey, int seed, TextWriter progress, CancellationToken cancellationToken)
    {
        using var governance = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/governance", UriKind.Relative));
        governance.Headers.Add("x-functions-key", adminKey);
        using HttpResponseMessage governanceResponse = await http.SendAsync(governance, cancellationToken);
        using JsonDocument configuration = JsonDocument.Parse(await governanceResponse.Content.ReadAsStringAsync(cancellationToken));
        List<string> bodies = [.. configuration.RootElement.GetProperty("bodies").EnumerateArray().Select(b => b.GetProperty("id").GetString()!)];

        var ids = new List<string>();
        foreach (string category in (string[])["service-change", "policy", "procurement"])
        {
            string id = $"fz-{seed}-{ids.Count}";
            string body = JsonSerializer.Serialize(new { id, title = "Seeded proposal " + ids.Count, summary = "A proposal for the fuzzer.", category, raisedBy = new { body = bodies[0], committee = "quality" }, value = 1000 });
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/proposals", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            start.Headers.Add("x-functions-key", adminKey);
            using HttpResponseMessage started = await http.SendAsync(start, cancellationToken);
            if (started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict)
            {
                ids.Add(id);
            }
        }

        // Each proposal first asks its committee's chair: one email with an approve and a reject link.
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        DateTime giveUp = DateTime.UtcNow.AddSeconds(60);
        while (tokens.Count < ids.Count * 2 && DateTime.UtcNow < giveUp)
        {
            using var outbox = new HttpRequestMessage(HttpMethod.Get, new Uri("/dev/outbox", UriKind.Relative));
            outbox.Headers.Accept.ParseAdd("application/json");
            using HttpResponseMessage listed = await http.SendAsync(outbox, cancellationToken);
            foreach (Match link in ApprovalLink().Matches(await listed.Content.ReadAsStringAsync(cancellationToken)))
            {
                tokens.Add(link.Groups[1].Value);
            }

            await Task.Delay(200, cancellationToken);
        }

        await progress.WriteLineAsync($"seeded {ids.Count} proposals and {tokens.Count} approval links");
        return new FuzzTargets(adminKey, ids, [.. tokens.Order(StringComparer.Ordinal)], bodies);
    }

    /// <summary>Every instance's status and last update, and the decision records written.</summary>
    private static async Task<string> SnapshotAsync(HttpClient http, string adminKey, ServiceProcess? service, CancellationToken cancellationToken)
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Management}/instances?top=1000", UriKind.Relative));
        list.Headers.Add("x-functions-key", adminKey);
        using HttpResponseMessage response = await http.SendAsync(list, cancellationToken);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var state = new StringBuilder();
        foreach (JsonElement instance in json.RootElement.EnumerateArray().OrderBy(i => i.GetProperty("instanceId").GetString(), StringComparer.Ordinal))
        {
            state.Append(instance.GetProperty("instanceId").GetString()).Append('|')
                .Append(instance.GetProperty("runtimeStatus").GetString()).Append('|')
                .Append(instance.GetProperty("lastUpdatedTime").GetString()).Append('\n');
        }

        if (service is not null && Directory.Exists(Path.Combine(service.DataDirectory, "documents")))
        {
            foreach (string record in Directory.GetFiles(Path.Combine(service.DataDirectory, "documents"), "decision-record.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                state.Append(Path.GetRelativePath(service.DataDirectory, record)).Append('\n');
            }
        }

        return state.ToString();
    }

    private static async Task<string> SettledSnapshotAsync(HttpClient http, string adminKey, ServiceProcess? service, CancellationToken cancellationToken)
    {
        string last = await SnapshotAsync(http, adminKey, service, cancellationToken);
        for (int i = 0; i < 50; i++)
        {
            await Task.Delay(200, cancellationToken);
            string now = await SnapshotAsync(http, adminKey, service, cancellationToken);
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    // A frame starts a line, in plain text or inside a JSON string (an escaped \n).
    [GeneratedRegex(@"(^|\n|\\n|\\r\\n)\s*at [A-Za-z_][\w.`<>+]*\(", RegexOptions.CultureInvariant)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\bSystem(\.[A-Z][A-Za-z]+)+Exception\b", RegexOptions.CultureInvariant)]
    private static partial Regex ExceptionName();

    [GeneratedRegex(@"/approvals/([A-Za-z0-9_\-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex ApprovalLink();
}
