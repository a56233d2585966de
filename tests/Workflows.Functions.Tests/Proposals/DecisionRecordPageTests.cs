using System.Text;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Workflows.Governance.Documents;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Functions.Tests.Proposals;

public sealed class DecisionRecordPageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("decision-record-").FullName;

    [Fact]
    public async Task The_record_page_lists_every_decision_and_paper_with_every_value_encoded_and_is_written_once()
    {
        var store = new LocalFolderDocumentStore(this.folder, NullLogger<LocalFolderDocumentStore>.Instance);
        using ServiceProvider services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var activity = new WriteDecisionRecordActivity(store, services);
        var record = new DecisionRecord(
            "p-rec-1", "Stroke <script>alert(1)</script> rehab", "Move & improve", "policy", "cannock-chase-ccg", "quality", 1234.5m,
            [new PaperReference("case \"final\".pdf", "application/pdf", "proposals/p-rec-1/papers/case.pdf", 2048)],
            new ProposalStatus
            {
                Title = "Stroke rehab",
                Stage = ProposalStage.Decided,
                Outcome = ProposalOutcome.Rejected,
                Tier = 2,
                TierReason = "Reserved by a member",
                Committee = new ParticipantStatus { Id = "committee", Name = "Quality Committee", State = ParticipantState.Approved, DecidedBy = "Dr A <a@example.org>" },
                Bodies = [new ParticipantStatus { Id = "b", Name = "Body <b>", State = ParticipantState.NoResponse, RemindersSent = 3, Escalated = true }],
            },
            new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc));

        await activity.RunAsync(Substitute.For<TaskActivityContext>(), record);
        await activity.RunAsync(Substitute.For<TaskActivityContext>(), record with { Title = "A second attempt must not overwrite" });

        await using StoredDocument? page = await store.OpenAsync(DecisionRecord.HtmlPath("p-rec-1"));
        Assert.NotNull(page);
        string html = Encoding.UTF8.GetString(await page.ReadAllBytesAsync());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Decision record: Stroke &lt;script&gt;alert(1)&lt;/script&gt; rehab", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Rejected</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>2: Reserved by a member</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Quality Committee</td><td>Approved</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Body &lt;b&gt;</td><td>NoResponse</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>yes</td>", html, StringComparison.Ordinal);
        Assert.Contains("case &quot;final&quot;.pdf (application/pdf, 2048 bytes)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("second attempt", html, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(this.folder, recursive: true);
}
