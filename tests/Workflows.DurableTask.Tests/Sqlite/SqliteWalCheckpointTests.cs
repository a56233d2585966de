using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Tests.Contract;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>The write-ahead log is copied back into the database by the service's own checkpointer, not by a write
/// that happens to cross SQLite's automatic threshold.</summary>
public sealed class SqliteWalCheckpointTests : IDisposable
{
    private readonly SqliteTestFile file = new();

    public void Dispose() => this.file.Dispose();

    [Fact]
    public async Task Committed_pages_reach_the_database_file_soon_without_an_automatic_checkpoint()
    {
        using var service = new SqliteOrchestrationService(SqliteContractTests.Settings(this.file.ConnectionString, ServiceProfile.Default));
        await service.CreateIfNotExistsAsync();
        long before = new FileInfo(this.file.Path).Length;

        // About 1 MiB of inputs: far below the writer's own automatic checkpoint (64 MiB of log).
        string input = "\"" + new string('x', 4000) + "\"";
        for (int i = 0; i < 250; i++)
        {
            await SqliteLockingTests.CreateAsync(service, input);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (new FileInfo(this.file.Path).Length - before < 900_000)
        {
            await Task.Delay(50, timeout.Token);
        }

        Assert.True(new FileInfo(this.file.Path).Length - before >= 900_000);
    }
}
