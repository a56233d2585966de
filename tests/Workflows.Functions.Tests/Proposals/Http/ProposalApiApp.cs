using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Workflows.Functions.Documents;
using Workflows.Functions.Email;
using Workflows.Functions.Proposals;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Proposals.Http;

/// <summary>The whole app in memory (real engine on SQLite in a temporary data folder, development outbox, local
/// documents) with an admin key, timings that never fire during a test unless a test asks for short ones, and small
/// document limits; with the means to start proposals over HTTP and drive their decisions.</summary>
public class ProposalApiApp : IAsyncLifetime
{
    public const string AdminKey = "proposal-api-admin-key";

    /// <summary>The decision deadline of each stage.</summary>
    public static readonly TimeSpan DecisionDeadline = TimeSpan.FromHours(2);

    public const int MaxDocumentBytes = 64;

    public const int MaxDocuments = 3;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public ProposalApiApp()
        : this(new Dictionary<string, string?>())
    {
    }

    protected ProposalApiApp(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Security:AdminKey"] = AdminKey,
            ["Governance:Timing:ReminderInterval"] = "00:50:00",
            ["Governance:Timing:EscalateAfter"] = "01:00:00",
            ["Governance:Timing:DecisionDeadline"] = DecisionDeadline.ToString("c"),
            ["Governance:MaxDocumentBytes"] = MaxDocumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Governance:MaxDocuments"] = MaxDocuments.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach ((string key, string? value) in overrides)
        {
            settings[key] = value;
        }

        this.Factory = new FunctionsAppFactory(settings: settings);
        this.Admin = this.Factory.CreateClient();
        this.Admin.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        this.Anonymous = this.Factory.CreateClient();
    }

    public FunctionsAppFactory Factory { get; }

    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Admin { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Anonymous { get; }

    public DurableTaskClient Durable => this.Factory.Services.GetRequiredService<DurableTaskClient>();

    public IDocumentStore Documents => this.Factory.Services.GetRequiredService<IDocumentStore>();

    public DevelopmentOutbox Outbox => this.Factory.Services.GetRequiredService<DevelopmentOutbox>();

    /// <summary>A valid start request: a tier-1 service change of £5,000 raised by Cannock Chase CCG's quality committee.</summary>
    public static JsonObject ValidRequest(string? id = null, string category = "service-change", decimal? value = 5000m)
    {
        var request = new JsonObject
        {
            ["title"] = "Community stroke rehabilitation",
            ["summary"] = "Move stroke rehabilitation from the acute trust into the community.",
            ["category"] = category,
            ["raisedBy"] = new JsonObject { ["body"] = "cannock-chase-ccg", ["committee"] = "quality" },
        };
        if (id is not null)
        {
            request["id"] = id;
        }

        if (value is not null)
        {
            request["value"] = value;
        }

        return request;
    }

    public static string NewId(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) =>
        this.Admin.PostAsync(new Uri(path, UriKind.Relative), Json(body));

    public Task<HttpResponseMessage> PostAsync(string path, string body) =>
        this.Admin.PostAsync(new Uri(path, UriKind.Relative), Json(body));

    /// <summary>Starts a proposal over HTTP, asserting the 202, and returns its id.</summary>
    public async Task<string> StartAsync(JsonObject request)
    {
        using HttpResponseMessage response = await this.PostAsync("/api/proposals", request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start gave {(int)response.StatusCode}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>GET /api/proposals/{id}, asserting the 200.</summary>
    public async Task<JsonElement> GetAsync(string id)
    {
        using HttpResponseMessage response = await this.Admin.GetAsync(new Uri($"/api/proposals/{id}", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET gave {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>Polls GET /api/proposals/{id} until the condition holds.</summary>
    public async Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition, string what)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            JsonElement proposal = await this.GetAsync(id);
            if (condition(proposal))
            {
                return proposal;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last: {proposal}");
            }

            await Task.Delay(50);
        }
    }

    public Task<JsonElement> WaitForStageAsync(string id, string stage) =>
        this.WaitForAsync(id, p => p.GetProperty("stage").GetString() == stage, $"stage {stage} of {id}");

    /// <summary>Raises a decision as an approval link would, on the proposal or on a body's workflow.</summary>
    public Task DecideAsync(string instanceId, ApprovalDecision decision, string by = "Dr Test <test@example.org>", string role = "Chair") =>
        this.Durable.RaiseEventAsync(instanceId, ProposalEvents.Decision, new DecisionEvent(decision, by, role, Comment: null));

    /// <summary>Starts a proposal and takes it through the committee and the congress to the governing bodies.</summary>
    public async Task<string> AtGoverningBodiesAsync(string category = "policy", decimal? value = 5000m)
    {
        string id = await this.StartAsync(ValidRequest(NewId("gb"), category, value));
        await this.WaitForStageAsync(id, "CommitteeSignOff");
        await this.DecideAsync(id, ApprovalDecision.Approve);
        await this.WaitForStageAsync(id, "Congress");
        await this.DecideAsync(id, ApprovalDecision.Approve);
        await this.WaitForAsync(id, p => p.GetProperty("stage").GetString() == "GoverningBodies" && p.GetProperty("bodies").GetArrayLength() == 9, $"the governing bodies of {id}");
        return id;
    }

    /// <summary>Asserts a problem+json answer with the status, without a stack trace, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    /// <summary>Asserts a 400 problem+json whose <c>errors</c> name exactly <paramref name="fields"/>; returns the errors.</summary>
    public static async Task<JsonElement> InvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        JsonElement problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        JsonElement errors = problem.GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (JsonProperty error in errors.EnumerateObject())
        {
            Assert.All(error.Value.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        }

        return errors;
    }

    public static JsonElement Body(JsonElement proposal, string bodyId) =>
        proposal.GetProperty("bodies").EnumerateArray().Single(b => b.GetProperty("id").GetString() == bodyId);

    public static DateTime Time(JsonElement element) =>
        element.GetDateTime().ToUniversalTime();

    public static MediaTypeWithQualityHeaderValue Accept(string mediaType) => new(mediaType);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        this.Admin.Dispose();
        this.Anonymous.Dispose();
        await this.Factory.DisposeAsync();
    }
}
