using Microsoft.Extensions.Time.Testing;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>What every <see cref="IEmailLedger"/> promises, run against each implementation by a derived class.
/// <see cref="CreateLedger"/> returns a new instance over the same storage each time, as another process would have.</summary>
public abstract class EmailLedgerContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    protected abstract IEmailLedger CreateLedger();

    [Fact]
    public async Task A_live_claim_keeps_another_instance_off_the_key()
    {
        EmailLedgerClaim first = await this.CreateLedger().TryClaimAsync("approval/p-1/alice", Lease, default);
        EmailLedgerClaim second = await this.CreateLedger().TryClaimAsync("approval/p-1/alice", Lease, default);

        Assert.Equal(EmailLedgerClaimOutcome.Claimed, first.Outcome);
        Assert.Equal(EmailLedgerClaimOutcome.HeldElsewhere, second.Outcome);
        Assert.False(second.IsClaimed);
    }

    [Fact]
    public async Task A_key_marked_sent_is_never_claimed_again_even_after_its_lease()
    {
        IEmailLedger sender = this.CreateLedger();
        EmailLedgerClaim claim = await sender.TryClaimAsync("outcome/p-1", Lease, default);
        await sender.MarkSentAsync(claim, default);
        this.Clock.Advance(Lease * 3);

        EmailLedgerClaim again = await this.CreateLedger().TryClaimAsync("outcome/p-1", Lease, default);

        Assert.Equal(EmailLedgerClaimOutcome.AlreadySent, again.Outcome);
    }

    [Fact]
    public async Task A_released_claim_lets_a_retry_claim_the_key_at_once()
    {
        IEmailLedger sender = this.CreateLedger();
        EmailLedgerClaim claim = await sender.TryClaimAsync("approval/p-2/bob", Lease, default);
        await sender.ReleaseAsync(claim, default);

        EmailLedgerClaim retry = await this.CreateLedger().TryClaimAsync("approval/p-2/bob", Lease, default);

        Assert.Equal(EmailLedgerClaimOutcome.Claimed, retry.Outcome);
    }

    [Fact]
    public async Task A_lapsed_claim_is_taken_over_and_its_late_release_leaves_the_new_claim()
    {
        IEmailLedger dead = this.CreateLedger();
        EmailLedgerClaim stale = await dead.TryClaimAsync("approval/p-3/carol", Lease, default);
        this.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        EmailLedgerClaim taken = await this.CreateLedger().TryClaimAsync("approval/p-3/carol", Lease, default);
        await dead.ReleaseAsync(stale, default);
        EmailLedgerClaim third = await this.CreateLedger().TryClaimAsync("approval/p-3/carol", Lease, default);

        Assert.Equal(EmailLedgerClaimOutcome.Claimed, taken.Outcome);
        Assert.Equal(EmailLedgerClaimOutcome.HeldElsewhere, third.Outcome);
    }

    [Fact]
    public async Task Of_instances_racing_to_claim_one_key_exactly_one_wins()
    {
        IEmailLedger[] instances = [.. Enumerable.Range(0, 8).Select(_ => this.CreateLedger())];

        EmailLedgerClaim[] claims = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryClaimAsync("race/p-4", Lease, default))));

        Assert.Single(claims, c => c.IsClaimed);
        Assert.All(claims.Where(c => !c.IsClaimed), c => Assert.Equal(EmailLedgerClaimOutcome.HeldElsewhere, c.Outcome));
    }

    [Fact]
    public async Task Keys_with_any_characters_are_kept_apart()
    {
        IEmailLedger ledger = this.CreateLedger();
        EmailLedgerClaim odd = await ledger.TryClaimAsync("approval/p 5/ä#?\\\n'\"", Lease, default);
        await ledger.MarkSentAsync(odd, default);

        EmailLedgerClaim other = await this.CreateLedger().TryClaimAsync("approval/p 5/ä#?\\", Lease, default);
        EmailLedgerClaim same = await this.CreateLedger().TryClaimAsync("approval/p 5/ä#?\\\n'\"", Lease, default);

        Assert.Equal(EmailLedgerClaimOutcome.Claimed, other.Outcome);
        Assert.Equal(EmailLedgerClaimOutcome.AlreadySent, same.Outcome);
    }
}
