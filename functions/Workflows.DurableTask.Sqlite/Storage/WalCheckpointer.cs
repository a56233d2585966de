using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>Copies the write-ahead log back into the database from a connection of its own, so the single writer does
/// not: with SQLite's automatic checkpoint, every thousandth page committed made one checkpoint's copying and syncing
/// part of some write's latency and held up every write queued behind it.</summary>
/// <remarks>Checkpoints are PASSIVE: they never block the writer or readers, and copy what no reader still needs. The
/// writer keeps a far larger automatic checkpoint as a backstop, should this loop fall behind.</remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The writer's own automatic checkpoint, in pages (about 64 MiB of log at 4 KiB pages).</summary>
    public const int BackstopPages = 16_384;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection connection;
    private readonly Func<long> commits;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <summary>Starts checkpointing on a new connection to <paramref name="connectionString"/> whenever
    /// <paramref name="commits"/> (the writer's commit count) moved since the last checkpoint.</summary>
    public WalCheckpointer(string connectionString, Func<long> commits, ILogger logger)
    {
        this.connection = new SqliteConnection(connectionString);
        this.connection.Open();
        this.commits = commits;
        this.logger = logger;
        this.loop = Task.Run(this.RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await this.stop.CancelAsync().ConfigureAwait(false);
        await this.loop.ConfigureAwait(false);
        this.stop.Dispose();
        await this.connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        long checkpointed = this.commits();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(this.stop.Token).ConfigureAwait(false))
            {
                long now = this.commits();
                if (now == checkpointed)
                {
                    continue;
                }

                try
                {
                    this.connection.Execute(null, "PRAGMA wal_checkpoint(PASSIVE);");
                    checkpointed = now;
                }
                catch (SqliteException ex)
                {
                    // The next tick tries again; the writer's backstop bounds the log meanwhile.
                    Log.CheckpointFailed(this.logger, ex.SqliteErrorCode);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
