using Workflows.Governance.Approvals;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Functions.Tests.Approvals;

public sealed class ApprovalStateReaderTests
{
    private const string Me = "Dr Helen Ashworth <helen.ashworth@cannock-chase.example.org>";
    private static readonly DateTime Now = new(2026, 3, 3, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Dr Rajesh Patel <rajesh.patel@example.org>", "Dr Rajesh Patel")]
    [InlineData("admin: Jo Bloggs", "admin: Jo Bloggs")]
    [InlineData("admin: jo.bloggs@example.org", "admin")]
    [InlineData("jo.bloggs@example.org", "someone else")]
    [InlineData("<jo.bloggs@example.org>", "someone else")]
    [InlineData("", "someone else")]
    [InlineData(null, "someone else")]
    public void Public_names_never_carry_an_address(string? decidedBy, string expected) =>
        Assert.Equal(expected, ApprovalStateReader.PublicName(decidedBy));

    [Fact]
    public void A_decision_taken_wins_over_a_withdrawal_and_an_ended_wait()
    {
        ParticipantStatus mine = Status(ParticipantState.Approved, Me.ToUpperInvariant());
        ParticipantStatus deputy = Status(ParticipantState.Rejected, "Deputy <deputy@example.org>");

        Assert.Equal(ApprovalSituationKind.RecordedByYou, Classify(mine, waiting: false, withdrawn: true));
        Assert.Equal(ApprovalSituationKind.DecidedByOther, Classify(deputy, waiting: false, withdrawn: true));
        Assert.Equal(ApprovalSituationKind.DecidedByOther, Classify(Status(ParticipantState.Referred, "admin: Jo Bloggs"), waiting: true, withdrawn: false));
    }

    [Fact]
    public void A_pending_decision_is_open_only_while_waited_for_and_before_its_deadline()
    {
        Assert.Equal(ApprovalSituationKind.Open, Classify(Status(ParticipantState.Pending, null), waiting: true, withdrawn: false));
        Assert.Equal(ApprovalSituationKind.Withdrawn, Classify(Status(ParticipantState.Pending, null), waiting: false, withdrawn: true));
        Assert.Equal(ApprovalSituationKind.Closed, Classify(Status(ParticipantState.Pending, null), waiting: false, withdrawn: false));
        Assert.Equal(ApprovalSituationKind.Closed, Classify(null, waiting: false, withdrawn: false));
        Assert.Equal(ApprovalSituationKind.Closed, Classify(Status(ParticipantState.NoResponse, null), waiting: true, withdrawn: false));
        Assert.Equal(ApprovalSituationKind.Expired, Classify(Status(ParticipantState.Pending, null) with { Deadline = Now }, waiting: true, withdrawn: false));
    }

    [Fact]
    public void A_link_whose_waiting_workflow_has_not_published_the_participant_yet_is_open()
    {
        // Azure Storage can deliver the email before it writes the status of the episode that sent it.
        Assert.Equal(ApprovalSituationKind.Open, Classify(null, waiting: true, withdrawn: false));
        Assert.Equal(ApprovalSituationKind.Withdrawn, Classify(null, waiting: true, withdrawn: true));
    }

    [Fact]
    public void A_closed_decision_says_why()
    {
        Assert.Contains("no response", ApprovalStateReader.Classify(Status(ParticipantState.NoResponse, null), true, false, null, Me, Now).Reason, StringComparison.Ordinal);
        Assert.Equal("The proposal has been decided: Rejected.", ApprovalStateReader.Classify(Status(ParticipantState.Pending, null), false, false, ProposalOutcome.Rejected, Me, Now).Reason);
        Assert.Contains("moved on", ApprovalStateReader.Classify(Status(ParticipantState.Pending, null), false, false, null, Me, Now).Reason, StringComparison.Ordinal);
    }

    private static ApprovalSituationKind Classify(ParticipantStatus? status, bool waiting, bool withdrawn) =>
        ApprovalStateReader.Classify(status, waiting, withdrawn, outcome: null, Me, Now).Kind;

    private static ParticipantStatus Status(ParticipantState state, string? decidedBy) => new()
    {
        Id = "committee",
        Name = "Quality Committee",
        State = state,
        DecidedBy = decidedBy,
        DecidedAt = decidedBy is null ? null : Now.AddHours(-1),
        Deadline = Now.AddDays(1),
    };
}
