using Microsoft.Extensions.Options;
using Workflows.Durable.Storage.Sqlite;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Worker;

public sealed class WorkerOptionsTests
{
    [Fact]
    public async Task Invalid_worker_settings_fail_start_with_messages_naming_each_setting()
    {
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => DurableTestHost.StartAsync(
            r => r.AddOrchestratorFunc<string, string>("X", (_, s) => Task.FromResult(s)),
            worker: o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = 0;
                o.MaxPollingInterval = TimeSpan.Zero;
            }));

        Assert.Contains("MaximumConcurrentActivityWorkItems must be at least 1, but is 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPollingInterval must be more than zero", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    public void In_memory_sqlite_is_refused_because_it_is_not_durable(string connectionString)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new SqliteOrchestrationStore(new SqliteStoreOptions { ConnectionString = connectionString }));

        Assert.Contains("in-memory database is not durable", error.Message, StringComparison.Ordinal);
    }
}
