using Microsoft.Extensions.Time.Testing;
using Workflows.Governance.Approvals;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>What every <see cref="IRaisedDecisionLedger"/> promises, run against each implementation by a derived
/// class. <see cref="CreateLedger"/> returns a new instance over the same storage each time, as another process would.</summary>
public abstract class RaisedDecisionLedgerContract
{
    protected static readonly DecisionMarkLifetimes Lifetimes = new(TimeSpan.FromSeconds(15), TimeSpan.FromHours(1));

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    protected abstract IRaisedDecisionLedger CreateLedger();

    [Fact]
    public async Task A_claim_is_seen_by_another_instance_which_cannot_take_it()
    {
        bool first = await this.CreateLedger().TryClaimAsync("p-1\nalice", default);

        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.True(first);
        Assert.Equal(DecisionMark.Claimed, await other.ReadAsync("p-1\nalice", default));
        Assert.False(await other.TryClaimAsync("p-1\nalice", default));
        Assert.Equal(DecisionMark.None, await other.ReadAsync("p-1\nbob", default));
    }

    [Fact]
    public async Task A_forgotten_claim_can_be_taken_again()
    {
        await this.CreateLedger().TryClaimAsync("p-2\nalice", default);

        await this.CreateLedger().ForgetAsync("p-2\nalice", default);

        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.Equal(DecisionMark.None, await other.ReadAsync("p-2\nalice", default));
        Assert.True(await other.TryClaimAsync("p-2\nalice", default));
    }

    [Fact]
    public async Task Forgetting_a_key_never_claimed_changes_nothing()
    {
        await this.CreateLedger().TryClaimAsync("p-3\nalice", default);

        await this.CreateLedger().ForgetAsync("p-3\nnobody", default);

        Assert.Equal(DecisionMark.Claimed, await this.CreateLedger().ReadAsync("p-3\nalice", default));
    }

    [Fact]
    public async Task A_claim_never_marked_raised_lapses_after_the_claim_lifetime_and_is_taken_over_once()
    {
        await this.CreateLedger().TryClaimAsync("p-4\nalice", default);
        this.Clock.Advance(Lifetimes.Claim - TimeSpan.FromSeconds(1));
        Assert.False(await this.CreateLedger().TryClaimAsync("p-4\nalice", default));

        this.Clock.Advance(TimeSpan.FromSeconds(1));

        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.Equal(DecisionMark.None, await other.ReadAsync("p-4\nalice", default));
        Assert.True(await other.TryClaimAsync("p-4\nalice", default));
        Assert.False(await this.CreateLedger().TryClaimAsync("p-4\nalice", default));
    }

    [Fact]
    public async Task A_raised_mark_keeps_others_off_for_the_raised_lifetime_then_lapses()
    {
        IRaisedDecisionLedger first = this.CreateLedger();
        await first.TryClaimAsync("p-7\nalice", default);
        this.Clock.Advance(TimeSpan.FromSeconds(5));
        await first.MarkRaisedAsync("p-7\nalice", default);

        this.Clock.Advance(Lifetimes.Raised - TimeSpan.FromSeconds(1));
        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.Equal(DecisionMark.Raised, await other.ReadAsync("p-7\nalice", default));
        Assert.False(await other.TryClaimAsync("p-7\nalice", default));

        this.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DecisionMark.None, await other.ReadAsync("p-7\nalice", default));
        Assert.True(await other.TryClaimAsync("p-7\nalice", default));
        Assert.Equal(DecisionMark.Claimed, await this.CreateLedger().ReadAsync("p-7\nalice", default));
    }

    [Fact]
    public async Task Of_instances_racing_to_claim_one_key_exactly_one_wins()
    {
        IRaisedDecisionLedger[] instances = [.. Enumerable.Range(0, 8).Select(_ => this.CreateLedger())];

        bool[] won = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryClaimAsync("p-5\nalice", default))));

        Assert.Single(won, w => w);
    }

    [Fact]
    public async Task Of_instances_racing_to_take_over_a_lapsed_claim_exactly_one_wins()
    {
        await this.CreateLedger().TryClaimAsync("p-6\nalice", default);
        this.Clock.Advance(Lifetimes.Claim + TimeSpan.FromMinutes(1));
        IRaisedDecisionLedger[] instances = [.. Enumerable.Range(0, 8).Select(_ => this.CreateLedger())];

        bool[] won = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryClaimAsync("p-6\nalice", default))));

        Assert.Single(won, w => w);
    }
}
