using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Tests.Infrastructure;
using Workflows.Functions.Tests.Approvals;
using Workflows.Functions.Tests.Infrastructure;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Walkthrough;

/// <summary>The README's walk-through, step by step over HTTP (start, the emailed links, the pages that confirm, the
/// status, the decision record), on each storage provider: SQLite, and Azure Storage over Azurite with nothing else
/// changed but <c>storageProvider.type</c> and its connection.</summary>
public sealed partial class ReadmeWalkthroughTests(AzuriteServer azurite) : IClassFixture<AzuriteServer>
{
    private const string AdminKey = "change-me";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("AzureStorage")]
    public async Task A_significant_proposal_goes_from_its_committee_through_every_governing_body_to_its_record(string provider)
    {
        var settings = new Dictionary<string, string?> { ["Security:AdminKey"] = AdminKey };
        if (provider == "AzureStorage")
        {
            settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:type"] = "AzureStorage";
            settings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:connectionName"] = "WalkthroughStorage";
            settings["AzureFunctionsJobHost:extensions:durableTask:hubName"] = AzuriteServer.NewTaskHubName("walk");
            settings["WalkthroughStorage"] = azurite.ConnectionString;
        }

        await using var app = new FunctionsAppFactory(settings: settings);
        using HttpClient admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        using HttpClient browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        DevelopmentOutbox outbox = app.Services.GetRequiredService<DevelopmentOutbox>();
        string service = app.Services.GetRequiredKeyedService<OrchestrationServiceHandle>(Microsoft.Extensions.Options.Options.DefaultName).Service.GetType().Name;
        Assert.Equal(provider == "AzureStorage" ? "AzureStorageOrchestrationService" : "SqliteOrchestrationService", service);
        string id = "p-stroke-" + provider.ToLowerInvariant();

        // Start a significant proposal (policy is reserved by the councils), as the README does.
        const string Body = """
            { "id": "{id}", "title": "Community stroke rehabilitation", "summary": "Move rehabilitation into the community.",
              "category": "policy", "raisedBy": { "body": "cannock-chase-ccg", "committee": "quality" }, "value": 250000,
              "documents": [{ "name": "business-case.txt", "contentType": "text/plain", "contentBase64": "QnVzaW5lc3MgY2FzZQ==" }] }
            """;
        using HttpResponseMessage started = await admin.PostAsync(new Uri("/api/proposals", UriKind.Relative), new StringContent(Body.Replace("{id}", id, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using (JsonDocument payload = JsonDocument.Parse(await started.Content.ReadAsStringAsync()))
        {
            Assert.Equal(id, payload.RootElement.GetProperty("id").GetString());
            Assert.EndsWith($"/runtime/webhooks/durabletask/instances/{id}", payload.RootElement.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        }

        // The committee chair's, then the congress chair's, then each governing body's emailed Approve link, confirmed on its page.
        int confirmed = 0;
        await ConfirmApprovalsAsync(browser, outbox, id, expected: 1, () => confirmed);
        confirmed++;
        await WaitForAsync(admin, id, p => p.GetProperty("stage").GetString() == "Congress", "the congress stage");
        await ConfirmApprovalsAsync(browser, outbox, id, expected: 1, () => confirmed);
        confirmed++;
        JsonElement atBodies = await WaitForAsync(admin, id, p => p.GetProperty("stage").GetString() == "GoverningBodies", "the governing bodies stage");
        int bodies = atBodies.GetProperty("bodies").GetArrayLength();
        Assert.True(bodies > 1, "a significant proposal goes to every member body");
        await ConfirmApprovalsAsync(browser, outbox, id, expected: bodies, () => confirmed);

        JsonElement decided = await WaitForAsync(admin, id, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the decision");
        Assert.Equal("Approved", decided.GetProperty("outcome").GetString());
        Assert.Equal(2, decided.GetProperty("tier").GetInt32());
        Assert.All(decided.GetProperty("bodies").EnumerateArray(), b => Assert.Equal("Approved", b.GetProperty("state").GetString()));

        using HttpResponseMessage record = await browser.GetAsync(new Uri($"/proposals/{id}/record", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        string page = await record.Content.ReadAsStringAsync();
        Assert.Contains("Decision record: Community stroke rehabilitation", page, StringComparison.Ordinal);
        Assert.Contains("business-case.txt", page, StringComparison.Ordinal);
    }

    /// <summary>Follows the Approve links of the <paramref name="expected"/> decision emails about the proposal that are
    /// not yet confirmed, and confirms each on its page.</summary>
    private static async Task ConfirmApprovalsAsync(HttpClient browser, DevelopmentOutbox outbox, string id, int expected, Func<int> alreadyConfirmed)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        List<string> links;
        while (true)
        {
            links = [.. (await outbox.ListAsync(CancellationToken.None))
                .Where(m => m.IdempotencyKey.StartsWith(id, StringComparison.Ordinal) && m.Subject.StartsWith("Decision needed", StringComparison.Ordinal))
                .OrderBy(m => m.SentAt)
                .Select(m => ApproveLink().Match(m.Text).Groups[1].Value)];
            if (links.Count >= alreadyConfirmed() + expected)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"{links.Count} decision emails about {id}, expected {alreadyConfirmed() + expected}");
            await Task.Delay(100);
        }

        foreach (string token in links.Skip(alreadyConfirmed()).Take(expected))
        {
            ApprovalPagesApp.Page page = await ApprovalPagesApp.OpenAsync(browser, token);
            Assert.Equal("confirm", page.Name);
            ApprovalPagesApp.Page result = await ApprovalPagesApp.ConfirmAsync(browser, page);
            Assert.Contains(result.Name, (string[])["recorded", "received"]);
        }
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient admin, string id, Func<JsonElement, bool> condition, string what)
    {
        DateTime giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            using HttpResponseMessage response = await admin.GetAsync(new Uri($"/api/proposals/{id}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (condition(json.RootElement))
                {
                    return json.RootElement.Clone();
                }
            }

            Assert.True(DateTime.UtcNow < giveUp, $"timed out waiting for {what} of {id}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Approve: https?://[^/\s]+/approvals/([A-Za-z0-9_\-]+)")]
    private static partial Regex ApproveLink();
}
