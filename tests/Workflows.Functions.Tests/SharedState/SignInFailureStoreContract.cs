using Microsoft.Extensions.Time.Testing;
using Workflows.Governance.Dashboard;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>What every <see cref="ISignInFailureStore"/> promises, run against each implementation by a derived class.
/// <see cref="CreateStore"/> returns a new instance over the same storage each time, as another process would have.</summary>
public abstract class SignInFailureStoreContract
{
    protected static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    protected abstract ISignInFailureStore CreateStore();

    [Fact]
    public async Task Failures_recorded_on_one_instance_are_counted_on_another()
    {
        ISignInFailureStore first = this.CreateStore();
        Assert.Equal(0, await first.CountAsync("203.0.113.7", default));

        Assert.Equal(1, await first.RecordAsync("203.0.113.7", default));
        Assert.Equal(2, await this.CreateStore().RecordAsync("203.0.113.7", default));
        Assert.Equal(3, await first.RecordAsync("203.0.113.7", default));

        Assert.Equal(3, await this.CreateStore().CountAsync("203.0.113.7", default));
        Assert.Equal(0, await this.CreateStore().CountAsync("2001:db8::1", default));
    }

    [Fact]
    public async Task A_window_ends_its_length_after_its_first_failure_and_the_next_failure_starts_another()
    {
        ISignInFailureStore store = this.CreateStore();
        await store.RecordAsync("2001:db8::1", default);
        this.Clock.Advance(Window - TimeSpan.FromSeconds(1));
        await store.RecordAsync("2001:db8::1", default);
        Assert.Equal(2, await store.CountAsync("2001:db8::1", default));

        this.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await this.CreateStore().CountAsync("2001:db8::1", default));
        Assert.Equal(1, await this.CreateStore().RecordAsync("2001:db8::1", default));
    }

    [Fact]
    public async Task Failures_racing_from_two_instances_are_all_counted()
    {
        ISignInFailureStore[] instances = [this.CreateStore(), this.CreateStore()];

        int[] counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => instances[i % 2].RecordAsync("198.51.100.9", default))));

        Assert.Equal(Enumerable.Range(1, 20), counts.Order());
        Assert.Equal(20, await this.CreateStore().CountAsync("198.51.100.9", default));
    }
}
