using Microsoft.Extensions.Time.Testing;
using Workflows.Governance.Approvals;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>What every <see cref="IRaisedDecisionLedger"/> promises, run against each implementation by a derived
/// class. <see cref="CreateLedger"/> returns a new instance over the same storage each time, as another process would.</summary>
public abstract class RaisedDecisionLedgerContract
{
    protected static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    protected abstract IRaisedDecisionLedger CreateLedger();

    [Fact]
    public async Task A_mark_is_seen_by_another_instance_which_cannot_take_it()
    {
        bool first = await this.CreateLedger().TryMarkAsync("p-1\nalice", default);

        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.True(first);
        Assert.True(await other.IsMarkedAsync("p-1\nalice", default));
        Assert.False(await other.TryMarkAsync("p-1\nalice", default));
        Assert.False(await other.IsMarkedAsync("p-1\nbob", default));
    }

    [Fact]
    public async Task A_forgotten_mark_can_be_taken_again()
    {
        await this.CreateLedger().TryMarkAsync("p-2\nalice", default);

        await this.CreateLedger().ForgetAsync("p-2\nalice", default);

        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.False(await other.IsMarkedAsync("p-2\nalice", default));
        Assert.True(await other.TryMarkAsync("p-2\nalice", default));
    }

    [Fact]
    public async Task Forgetting_a_key_never_marked_changes_nothing()
    {
        await this.CreateLedger().TryMarkAsync("p-3\nalice", default);

        await this.CreateLedger().ForgetAsync("p-3\nnobody", default);

        Assert.True(await this.CreateLedger().IsMarkedAsync("p-3\nalice", default));
    }

    [Fact]
    public async Task A_lapsed_mark_is_no_longer_seen_and_is_taken_over_once()
    {
        await this.CreateLedger().TryMarkAsync("p-4\nalice", default);
        this.Clock.Advance(Lifetime);

        IRaisedDecisionLedger other = this.CreateLedger();
        Assert.False(await other.IsMarkedAsync("p-4\nalice", default));
        Assert.True(await other.TryMarkAsync("p-4\nalice", default));
        Assert.False(await this.CreateLedger().TryMarkAsync("p-4\nalice", default));
    }

    [Fact]
    public async Task Of_instances_racing_to_mark_one_key_exactly_one_wins()
    {
        IRaisedDecisionLedger[] instances = [.. Enumerable.Range(0, 8).Select(_ => this.CreateLedger())];

        bool[] won = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryMarkAsync("p-5\nalice", default))));

        Assert.Single(won, w => w);
    }

    [Fact]
    public async Task Of_instances_racing_to_take_over_a_lapsed_mark_exactly_one_wins()
    {
        await this.CreateLedger().TryMarkAsync("p-6\nalice", default);
        this.Clock.Advance(Lifetime + TimeSpan.FromMinutes(1));
        IRaisedDecisionLedger[] instances = [.. Enumerable.Range(0, 8).Select(_ => this.CreateLedger())];

        bool[] won = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryMarkAsync("p-6\nalice", default))));

        Assert.Single(won, w => w);
    }
}
