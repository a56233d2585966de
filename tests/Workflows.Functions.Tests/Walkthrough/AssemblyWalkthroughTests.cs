using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Functions.Tests.Infrastructure;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Walkthrough;

/// <summary>The commissioning assembly's rounds on the real engine (SQLite), over HTTP and the emailed links as its
/// members use them: nominations reviewed and returned, the roster, a consultation on it, the work programme; and, with
/// short timings, the reminders, the escalation to a deputy and the closes that come by themselves.</summary>
public sealed partial class AssemblyWalkthroughTests
{
    private const string AdminKey = "assembly-walkthrough-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Nominations_a_consultation_and_the_work_programme_run_from_their_emails_to_their_records()
    {
        await using var app = new FunctionsAppFactory(settings: new Dictionary<string, string?> { ["Security:AdminKey"] = AdminKey });
        using HttpClient admin = Admin(app);
        using HttpClient browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        DevelopmentOutbox outbox = app.Services.GetRequiredService<DevelopmentOutbox>();
        string[] members = await MemberIdsAsync(admin, 2);

        // The round goes to two CCGs; each accountable officer's email links to the nomination form.
        await StartAsync(admin, "nominations", new JsonObject { ["id"] = "nr-walk", ["closesAt"] = Later(30), ["members"] = new JsonArray(members[0], members[1]) });
        foreach (string member in members)
        {
            string link = await LinkAsync(outbox, "nr-walk", $"{member}:invitation", "Nominate a lead");
            Assert.Equal("recorded", await AnswerAsync(browser, link, new() { ["name"] = $"Dr Lead of {member}", ["role"] = "Clinical chair", ["registration"] = "GMC 7000001", ["email"] = $"lead@{member}.example.org" }));
        }

        // The design group accepts the first nomination and returns the second with a reason; its CCG nominates again.
        string acceptFirst = await LinkAsync(outbox, "nr-walk", $"{members[0]}:review:design-group", "Review the nomination", body: $"Dr Lead of {members[0]}");
        Assert.Equal("recorded", await AnswerAsync(browser, acceptFirst, new() { ["decision"] = "accept" }));
        string returnSecond = await LinkAsync(outbox, "nr-walk", $"{members[1]}:review:design-group", "Review the nomination", body: $"Dr Lead of {members[1]}");
        Assert.Equal("recorded", await AnswerAsync(browser, returnSecond, new() { ["decision"] = "return", ["reason"] = "Please name a practising clinician." }));
        string again = await LinkAsync(outbox, "nr-walk", $"{members[1]}:returned", "Nominate a lead", body: "Please name a practising clinician.");
        Assert.Equal("recorded", await AnswerAsync(browser, again, new() { ["name"] = "Dr Second Choice", ["role"] = "GP lead", ["registration"] = "GMC 7000002", ["email"] = $"second@{members[1]}.example.org" }));
        string acceptSecond = await LinkAsync(outbox, "nr-walk", $"{members[1]}:review:design-group", "Review the nomination", body: "Dr Second Choice");
        Assert.Equal("recorded", await AnswerAsync(browser, acceptSecond, new() { ["decision"] = "accept" }));

        // A used link now says so and changes nothing.
        Assert.Equal("used", await ShowAsync(browser, acceptFirst));

        // Every CCG invited has an accepted lead, so the round closes without waiting for its date.
        JsonElement closed = await WaitForRoundAsync(admin, "nominations", "nr-walk", r => r.GetProperty("state").GetString() == "Closed", "the close");
        Assert.All(closed.GetProperty("members").EnumerateArray(), m => Assert.Equal("Accepted", m.GetProperty("state").GetString()));
        JsonElement roster = await RecordAsync(admin, "nominations", "nr-walk");
        Assert.Equal(
            [(members[0], $"Dr Lead of {members[0]}"), (members[1], "Dr Second Choice")],
            roster.GetProperty("leads").EnumerateArray().Select(l => (l.GetProperty("memberId").GetString(), l.GetProperty("lead").GetProperty("name").GetString())).OrderBy(l => l.Item1 == members[0] ? 0 : 1));
        Assert.Empty(roster.GetProperty("missing").EnumerateArray());

        // The roster's leads are consulted on a draft; one responds (and revises), the other does not; an admin closes early.
        await StartAsync(admin, "consultations", new JsonObject
        {
            ["id"] = "c-walk",
            ["title"] = "Draft shared statement of intent",
            ["nominationRound"] = "nr-walk",
            ["documents"] = new JsonArray(new JsonObject
            {
                ["id"] = "statement", ["title"] = "Draft shared statement of intent", ["name"] = "statement.txt",
                ["contentType"] = "text/plain", ["contentBase64"] = Convert.ToBase64String("Draft"u8.ToArray()),
            }),
        });
        string respond = await LinkAsync(outbox, "c-walk", $"{members[0]}:invitation", "Respond");
        Assert.Equal("recorded", await AnswerAsync(browser, respond, new() { ["position-statement"] = "Support" }));
        Assert.Equal("recorded", await AnswerAsync(browser, respond, new() { ["position-statement"] = "SupportWithChanges", ["comments-statement"] = "Name the networks." }));
        await WaitForRoundAsync(admin, "consultations", "c-walk", r => r.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("revisions").GetInt32() == 2), "the revised response");
        await PostAsync(admin, "/api/assembly/consultations/c-walk/close", new JsonObject());
        JsonElement summary = await RecordAsync(admin, "consultations", "c-walk");
        Assert.Equal([members[0]], summary.GetProperty("responded").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal([members[1]], summary.GetProperty("noResponse").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Contains("Name the networks.", summary.GetProperty("documents").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"Support\"", summary.GetProperty("documents").GetRawText(), StringComparison.Ordinal);
        await WaitForEmailAsync(outbox, m => m.Subject == "Summary of views: Draft shared statement of intent", "the summary to the design group");

        // The work programme: both leads give preferences; at the close each is placed and told.
        await StartAsync(admin, "work-programme", new JsonObject { ["id"] = "wp-walk", ["nominationRound"] = "nr-walk", ["closesAt"] = Later(30) });
        string first = await LinkAsync(outbox, "wp-walk", $"{members[0]}:invitation", null);
        Assert.Equal("recorded", await AnswerAsync(browser, first, new() { ["rank-quality"] = "1", ["rank-incentives"] = "2" }));
        string second = await LinkAsync(outbox, "wp-walk", $"{members[1]}:invitation", null);
        Assert.Equal("recorded", await AnswerAsync(browser, second, new() { ["rank-primary-care"] = "1" }));
        await WaitForRoundAsync(admin, "work-programme", "wp-walk", r => r.GetProperty("members").EnumerateArray().All(m => m.GetProperty("preferences").GetArrayLength() > 0), "both interests");
        await PostAsync(admin, "/api/assembly/work-programme/wp-walk/close", new JsonObject());
        JsonElement allocation = await RecordAsync(admin, "work-programme", "wp-walk");
        Dictionary<string, string[]> placed = allocation.GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("groupId").GetString()!, g => g.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("memberId").GetString()!).ToArray());
        Assert.Equal([members[0]], placed["quality"]);
        Assert.Equal([members[1]], placed["primary-care"]);
        Assert.Empty(allocation.GetProperty("unplaced").EnumerateArray());
        await WaitForEmailAsync(outbox, m => m.IdempotencyKey.StartsWith("wp-walk", StringComparison.Ordinal) && m.IdempotencyKey.Contains($"{members[1]}:allocation", StringComparison.Ordinal), "the allocation email");
    }

    [Fact]
    public async Task With_short_timings_a_silent_ccg_is_reminded_escalated_to_its_deputy_and_the_rounds_close_by_themselves()
    {
        await using var app = new FunctionsAppFactory(settings: new Dictionary<string, string?>
        {
            ["Security:AdminKey"] = AdminKey,
            ["Assembly:Timing:ReminderInterval"] = "00:00:02",
            ["Assembly:Timing:EscalateAfter"] = "00:00:05",
            ["Assembly:Timing:ReminderBeforeClose"] = "00:00:06",
        });
        using HttpClient admin = Admin(app);
        using HttpClient browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        DevelopmentOutbox outbox = app.Services.GetRequiredService<DevelopmentOutbox>();
        string[] members = await MemberIdsAsync(admin, 2);

        await StartAsync(admin, "nominations", new JsonObject { ["id"] = "nr-short", ["closesAt"] = Later(25), ["members"] = new JsonArray(members[0], members[1]) });

        // Nobody answers: reminders come, then the deputy is asked as well and nominates.
        await WaitForEmailAsync(outbox, m => m.IdempotencyKey.StartsWith("nr-short", StringComparison.Ordinal) && m.IdempotencyKey.Contains($"{members[0]}:reminder", StringComparison.Ordinal), "a reminder");
        string deputyLink = await LinkAsync(outbox, "nr-short", $"{members[0]}:escalation", "Nominate a lead");
        Assert.Equal("recorded", await AnswerAsync(browser, deputyLink, new() { ["name"] = "Dr Deputy Pick", ["role"] = "Clinical director", ["registration"] = "NMC 12A3456B", ["email"] = $"pick@{members[0]}.example.org" }));
        string review = await LinkAsync(outbox, "nr-short", $"{members[0]}:review:design-group", "Review the nomination", body: "Dr Deputy Pick");
        Assert.Equal("recorded", await AnswerAsync(browser, review, new() { ["decision"] = "accept" }));

        // The closing date passes by itself: the silent CCG is on the roster as missing.
        JsonElement roster = await RecordAsync(admin, "nominations", "nr-short");
        Assert.Equal([members[0]], roster.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("memberId").GetString()));
        Assert.Equal([members[1]], roster.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("memberId").GetString()));
        Assert.Equal("Dr Deputy Pick", roster.GetProperty("leads")[0].GetProperty("lead").GetProperty("name").GetString());

        // A consultation closing soon reminds the lead who has not responded, and closes by itself.
        await StartAsync(admin, "consultations", new JsonObject
        {
            ["id"] = "c-short",
            ["title"] = "Draft framework for relationships",
            ["nominationRound"] = "nr-short",
            ["closesAt"] = Later(12),
            ["documents"] = new JsonArray(new JsonObject
            {
                ["id"] = "framework", ["title"] = "Draft framework", ["name"] = "framework.txt",
                ["contentType"] = "text/plain", ["contentBase64"] = Convert.ToBase64String("Draft"u8.ToArray()),
            }),
        });
        await WaitForEmailAsync(outbox, m => m.IdempotencyKey.StartsWith("c-short", StringComparison.Ordinal) && m.IdempotencyKey.Contains($"{members[0]}:reminder", StringComparison.Ordinal), "the reminder before the close");
        JsonElement summary = await RecordAsync(admin, "consultations", "c-short");
        Assert.Empty(summary.GetProperty("responded").EnumerateArray());
        Assert.Equal([members[0]], summary.GetProperty("noResponse").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    private static HttpClient Admin(FunctionsAppFactory app)
    {
        HttpClient admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return admin;
    }

    private static string Later(int seconds) => DateTime.UtcNow.AddSeconds(seconds).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string[]> MemberIdsAsync(HttpClient admin, int count)
    {
        using HttpResponseMessage response = await admin.GetAsync(new Uri("/api/assembly", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("members").EnumerateArray().Take(count).Select(m => m.GetProperty("id").GetString()!)];
    }

    private static async Task StartAsync(HttpClient admin, string kind, JsonObject body)
    {
        using HttpResponseMessage response = await admin.PostAsync(new Uri($"/api/assembly/{kind}", UriKind.Relative), Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start of {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task PostAsync(HttpClient admin, string path, JsonObject body)
    {
        using HttpResponseMessage response = await admin.PostAsync(new Uri(path, UriKind.Relative), Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> WaitForRoundAsync(HttpClient admin, string kind, string id, Func<JsonElement, bool> condition, string what)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            using HttpResponseMessage response = await admin.GetAsync(new Uri($"/api/assembly/{kind}/{id}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (json.RootElement.TryGetProperty("round", out JsonElement round) && round.ValueKind == JsonValueKind.Object && condition(round))
                {
                    return round.Clone();
                }
            }

            Assert.True(DateTime.UtcNow < giveUp, $"timed out waiting for {what} of {id}");
            await Task.Delay(100);
        }
    }

    /// <summary>The record the round writes at its close, as JSON, once it is there.</summary>
    private static async Task<JsonElement> RecordAsync(HttpClient admin, string kind, string id)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/assembly/{kind}/{id}/record", UriKind.Relative));
            request.Headers.Accept.ParseAdd("application/json");
            using HttpResponseMessage response = await admin.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.Clone();
            }

            Assert.True(DateTime.UtcNow < giveUp, $"timed out waiting for the record of {id}: {(int)response.StatusCode}");
            await Task.Delay(200);
        }
    }

    private static async Task<OutboxMessage> WaitForEmailAsync(DevelopmentOutbox outbox, Func<OutboxMessage, bool> match, string what)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            if ((await outbox.ListAsync(CancellationToken.None)).FirstOrDefault(match) is { } message)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>The path of the link labelled <paramref name="label"/> (any assembly link when null) in the email of
    /// round <paramref name="round"/> whose idempotency key contains <paramref name="what"/>.</summary>
    private static async Task<string> LinkAsync(DevelopmentOutbox outbox, string round, string what, string? label, string? body = null)
    {
        OutboxMessage message = await WaitForEmailAsync(
            outbox,
            m => m.IdempotencyKey.StartsWith(round, StringComparison.Ordinal) && m.IdempotencyKey.Contains(what, StringComparison.Ordinal)
                && (body is null || m.Text.Contains(body, StringComparison.Ordinal)),
            $"the email {what} of {round}");
        Match link = AssemblyLink().Matches(message.Text).FirstOrDefault(l => label is null || l.Groups["label"].Value == label)
            ?? throw new Xunit.Sdk.XunitException($"no '{label}' link in: {message.Text}");
        return link.Groups["path"].Value;
    }

    private static async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(HttpClient browser, string link)
    {
        HttpResponseMessage response = await browser.GetAsync(new Uri(link, UriKind.Relative));
        return (response, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<string> ShowAsync(HttpClient browser, string link)
    {
        (HttpResponseMessage response, IDocument page) = await GetAsync(browser, link);
        response.Dispose();
        return PageName(page);
    }

    /// <summary>Opens the link's form, fills the given fields over what the page shows, posts it and returns the
    /// name of the page that comes back.</summary>
    private static async Task<string> AnswerAsync(HttpClient browser, string link, Dictionary<string, string> fields)
    {
        (HttpResponseMessage shown, IDocument page) = await GetAsync(browser, link);
        using (shown)
        {
            Assert.True(shown.StatusCode == HttpStatusCode.OK, $"{link} shows {PageName(page)} ({(int)shown.StatusCode})");
        }

        IElement form = page.QuerySelector("form[method=post]") ?? throw new Xunit.Sdk.XunitException($"no form on {PageName(page)}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (IElement input in form.QuerySelectorAll("input[type=hidden], input[type=text], input[type=email], input:not([type])"))
        {
            values[input.GetAttribute("name")!] = input.GetAttribute("value") ?? string.Empty;
        }

        foreach ((string name, string value) in fields)
        {
            values[name] = value;
        }

        using HttpResponseMessage posted = await browser.PostAsync(new Uri(link, UriKind.Relative), new FormUrlEncodedContent(values));
        IDocument result = await new HtmlParser().ParseDocumentAsync(await posted.Content.ReadAsStringAsync());
        return PageName(result) == "recorded" ? "recorded" : $"{PageName(result)} ({(int)posted.StatusCode}): {result.QuerySelector("main")?.TextContent.Trim()}";
    }

    private static string PageName(IDocument page) => page.QuerySelector("main")?.GetAttribute("data-page") ?? "(none)";

    [GeneratedRegex(@"(?<label>[A-Za-z ]+): https?://[^/\s]+(?<path>/assembly/links/[A-Za-z0-9_\-.]+)")]
    private static partial Regex AssemblyLink();
}
