using System.Net;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;
using static Workflows.Functions.Tests.Approvals.ApprovalPagesApp;

namespace Workflows.Functions.Tests.Approvals;

/// <summary>Decisions the workflow stopped waiting for, with a deadline of seconds.</summary>
public sealed class ApprovalPagesTimeoutTests
{
    [Fact]
    public async Task A_decision_recorded_as_no_response_gets_the_closed_page_even_with_a_link_still_valid()
    {
        await using ApprovalPagesApp app = ApprovalPagesApp.WithTiming(reminderInterval: "00:00:02", escalateAfter: "00:00:03", decisionDeadline: "00:00:04");
        await app.InitializeAsync();
        string id = ApprovalPagesTests.NewId();
        ProposalInput proposal = await app.StartProposalAsync(id);

        // As after an extended deadline: the link outlives the wait it was sent for.
        string token = await app.TokenAsync(proposal, "committee", ApprovalDecision.Approve, expires: DateTimeOffset.UtcNow.AddHours(1));
        using HttpClient browser = app.Browser();
        Page page = await OpenAsync(browser, token);
        Assert.Equal("confirm", page.Name);

        await app.WaitForCompletionAsync(id);
        Page opened = await OpenAsync(browser, token);
        Page confirmed = await ConfirmAsync(browser, page);

        foreach (Page refused in new[] { opened, confirmed })
        {
            Assert.Equal(HttpStatusCode.Gone, refused.Status);
            Assert.Equal("closed", refused.Name);
            Assert.Equal("This decision is no longer open", refused.Heading);
            Assert.Contains("no response", refused.Field("reason"), StringComparison.Ordinal);
            Assert.Empty(refused.Document.Forms);
        }

        Assert.Equal(0, await app.DecisionEventsAsync(id));
        ProposalStatus status = await app.StatusAsync(id);
        Assert.Equal(ParticipantState.NoResponse, status.Committee!.State);
        Assert.Equal(ProposalOutcome.Lapsed, status.Outcome);
    }
}
