using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Documents;
using Workflows.Functions.Tests.Governance;
using static Workflows.Functions.Tests.Assembly.AssemblySamples;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>Records are written once, as JSON and as HTML rendered by a Razor component that encodes every value.</summary>
public sealed class WriteAssemblyRecordActivityTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task A_summary_is_written_as_json_and_encoded_html_and_never_overwritten()
    {
        using ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var store = new LocalFolderDocumentStore(this.folder.Path, NullLogger<LocalFolderDocumentStore>.Instance);
        var activity = new WriteAssemblyRecordActivity(store, new AssemblyHtml(services, services.GetRequiredService<ILoggerFactory>()));
        DraftDocument[] drafts = [new("statement", "Draft <statement>", "s.pdf", "application/pdf", "assembly/consultations/c-1/drafts/s.pdf", 1)];
        var responses = new Dictionary<string, ConsultationResponse>
        {
            ["a"] = new("a", [new DocumentView("statement", Position.DoNotSupport, "<script>alert('x')</script> & more")], "lead", T0, 1),
        };
        ConsultationSummary summary = ConsultationSummaryBuilder.Build("c-1", "Drafts & more", "c-0", T0, drafts, [Member("a"), Member("b")], responses);
        var record = new AssemblyRecord { Kind = AssemblyRecordKind.ConsultationSummary, RoundId = "c-1", Summary = summary };

        string path = await activity.RunAsync(Substitute.For<TaskActivityContext>(), record);
        await activity.RunAsync(Substitute.For<TaskActivityContext>(), record with { Summary = summary with { Title = "Changed" } });

        Assert.Equal("assembly/consultations/c-1/summary.json", path);
        await using StoredDocument? json = await store.OpenAsync(path);
        using JsonDocument parsed = JsonDocument.Parse(await json!.ReadAllBytesAsync());
        Assert.Equal("Drafts & more", parsed.RootElement.GetProperty("title").GetString());
        Assert.Equal("<script>alert('x')</script> & more", parsed.RootElement.GetProperty("documents")[0].GetProperty("comments")[0].GetProperty("comments").GetString());
        await using StoredDocument? html = await store.OpenAsync("assembly/consultations/c-1/summary.html");
        string page = Encoding.UTF8.GetString(await html!.ReadAllBytesAsync());
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("Summary of views: Drafts &amp; more", page, StringComparison.Ordinal);
        Assert.Contains("<code data-field=\"previous\">c-0</code>", page, StringComparison.Ordinal);
        Assert.Contains("data-member=\"b\"", page, StringComparison.Ordinal);
    }

    public void Dispose() => this.folder.Dispose();
}
