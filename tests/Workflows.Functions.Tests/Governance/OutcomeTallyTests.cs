using Workflows.Governance.Governance;
using static Workflows.Governance.Governance.BodyApprovalState;

namespace Workflows.Functions.Tests.Governance;

public sealed class OutcomeTallyTests
{
    [Fact]
    public void Counts_each_state()
    {
        OutcomeTally tally = OutcomeTally.Of([Approved, Pending, Rejected, Approved, NoResponse, Pending, Approved]);

        Assert.Equal(new OutcomeTally(Approved: 3, Rejected: 1, Pending: 2, NoResponse: 1), tally);
        Assert.Equal(7, tally.Total);
    }

    [Fact]
    public void An_undefined_state_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomeTally.Of([Approved, (BodyApprovalState)9]));
    }

    [Theory]
    [InlineData(OutcomePolicy.Unanimity)]
    [InlineData(OutcomePolicy.Majority)]
    public void No_bodies_is_undecided(OutcomePolicy policy)
    {
        Assert.Null(OutcomeTally.Of([]).Outcome(policy));
    }

    [Theory]
    [InlineData(new[] { Pending, Pending, Pending }, null)]
    [InlineData(new[] { Approved, Approved, Pending }, null)]
    [InlineData(new[] { Approved, Approved, Approved }, ProposalOutcome.Approved)]
    [InlineData(new[] { Rejected, Pending, Pending }, ProposalOutcome.Rejected)]
    [InlineData(new[] { Approved, Approved, Rejected }, ProposalOutcome.Rejected)]
    [InlineData(new[] { Approved, NoResponse, Rejected }, ProposalOutcome.Rejected)]
    [InlineData(new[] { Approved, Approved, NoResponse }, ProposalOutcome.Lapsed)]
    [InlineData(new[] { NoResponse, NoResponse, NoResponse }, ProposalOutcome.Lapsed)]
    [InlineData(new[] { Approved, NoResponse, Pending }, null)]
    public void Unanimity(BodyApprovalState[] states, ProposalOutcome? expected)
    {
        Assert.Equal(expected, OutcomeTally.Of(states).Outcome(OutcomePolicy.Unanimity));
    }

    [Fact]
    public void Under_unanimity_one_rejection_of_nine_decides_at_once_while_the_others_are_still_counted()
    {
        BodyApprovalState[] states = [Rejected, .. Enumerable.Repeat(Pending, 8)];
        var configuration = new GovernanceConfiguration { Policy = OutcomePolicy.Unanimity };

        Assert.Equal(ProposalOutcome.Rejected, configuration.Outcome(states));

        states[1] = Approved;
        states[2] = Approved;
        OutcomeTally later = OutcomeTally.Of(states);
        Assert.Equal(ProposalOutcome.Rejected, later.Outcome(OutcomePolicy.Unanimity));
        Assert.Equal(new OutcomeTally(Approved: 2, Rejected: 1, Pending: 6, NoResponse: 0), later);
    }

    [Theory]
    [InlineData(new[] { Approved, Approved, Pending }, ProposalOutcome.Approved)]
    [InlineData(new[] { Approved, Pending, Pending }, null)]
    [InlineData(new[] { Rejected, Rejected, Pending }, ProposalOutcome.Rejected)]
    [InlineData(new[] { Approved, Rejected, Pending }, null)]
    [InlineData(new[] { Approved, Rejected, NoResponse }, ProposalOutcome.Lapsed)]
    [InlineData(new[] { Approved, NoResponse, NoResponse }, ProposalOutcome.Lapsed)]
    [InlineData(new[] { Approved, Approved, Rejected }, ProposalOutcome.Approved)]
    [InlineData(new[] { Approved, Approved, Rejected, Rejected }, ProposalOutcome.Rejected)]
    [InlineData(new[] { Approved, Approved, Pending, Pending }, null)]
    [InlineData(new[] { Rejected, Rejected, Pending, Pending }, ProposalOutcome.Rejected)]
    [InlineData(new[] { Approved, Approved, Approved, Rejected, Pending }, ProposalOutcome.Approved)]
    [InlineData(new[] { Approved, Approved, Rejected, Rejected, NoResponse }, ProposalOutcome.Lapsed)]
    [InlineData(new[] { Approved, Rejected, Rejected, Rejected, NoResponse }, ProposalOutcome.Rejected)]
    public void Majority(BodyApprovalState[] states, ProposalOutcome? expected)
    {
        Assert.Equal(expected, OutcomeTally.Of(states).Outcome(OutcomePolicy.Majority));
    }

    [Fact]
    public void Under_majority_five_of_nine_approving_decides_before_the_rest_answer()
    {
        BodyApprovalState[] states = [Approved, Approved, Approved, Approved, Pending, Pending, Pending, Pending, Rejected];
        var configuration = new GovernanceConfiguration { Policy = OutcomePolicy.Majority };

        Assert.Null(configuration.Outcome(states));

        states[4] = Approved;
        Assert.Equal(ProposalOutcome.Approved, configuration.Outcome(states));
    }

    [Fact]
    public void Under_majority_five_of_nine_rejecting_decides_before_the_rest_answer_but_four_does_not()
    {
        BodyApprovalState[] states = [Rejected, Rejected, Rejected, Rejected, Pending, Pending, Pending, Pending, Pending];

        Assert.Null(OutcomeTally.Of(states).Outcome(OutcomePolicy.Majority));

        states[4] = Rejected;
        Assert.Equal(ProposalOutcome.Rejected, OutcomeTally.Of(states).Outcome(OutcomePolicy.Majority));
    }

    [Fact]
    public void An_undefined_policy_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutcomeTally(1, 0, 0, 0).Outcome((OutcomePolicy)3));
    }

    [Fact]
    public void The_configured_policy_decides_the_same_states_differently()
    {
        BodyApprovalState[] states = [Approved, Approved, Rejected];

        Assert.Equal(ProposalOutcome.Rejected, new GovernanceConfiguration { Policy = OutcomePolicy.Unanimity }.Outcome(states));
        Assert.Equal(ProposalOutcome.Approved, new GovernanceConfiguration { Policy = OutcomePolicy.Majority }.Outcome(states));
    }
}
