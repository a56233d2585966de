using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.DurableTask.Queries;
using Workflows.DurableTask.Sqlite.Locking;
using Workflows.DurableTask.Sqlite.Schema;
using Workflows.DurableTask.Sqlite.Storage;

namespace Workflows.DurableTask.Sqlite;

/// <summary>A DurableTask.Core orchestration service on one SQLite file, built like DurableTask.SqlServer: instances
/// with a lock (owner, token, expiry), history keyed by instance, execution and sequence, orchestration messages and
/// activity tasks with a visible-at time, and large payloads in their own table. Several processes may share the file.</summary>
/// <remarks>
/// <para>All writes of this process go through one connection and are group-committed: concurrent checkpoints share one
/// IMMEDIATE transaction, each in its own savepoint. Other processes are serialised by SQLite's file lock (WAL,
/// synchronous=NORMAL, a busy timeout). Reads use pooled connections and never block writers.</para>
/// <para>A completion, renewal or abandon whose lock expired or was taken over changes nothing; completion and renewal
/// then throw <see cref="WorkItemLockLostException"/> (a <c>SessionAbortedException</c>,
/// which DurableTask.Core's dispatchers log as an aborted work item and abandon), abandon and release just return.</para>
/// <para>On ContinueAsNew the history of the finished execution is deleted, as DurableTask.SqlServer does, so an eternal
/// orchestration's storage stays bounded; an instance has one state row, its latest execution's.</para>
/// </remarks>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService,
    IOrchestrationServiceClient,
    IOrchestrationServiceQueryClient,
    IOrchestrationServicePurgeClient,
    IInstanceQueryPort,
    Workflows.DurableTask.Rewind.IOrchestrationServiceRewindClient,
    Workflows.DurableTask.Creation.IOrchestrationServiceCreateClient,
    IDisposable
{
    private const int Running = (int)OrchestrationStatus.Running;
    private const int Pending = (int)OrchestrationStatus.Pending;
    private const int Suspended = (int)OrchestrationStatus.Suspended;
    private const string LiveStatuses = "(0, 6, 7)";
    private const string TerminalStatuses = "(1, 3, 4, 5)";

    private readonly SqliteOrchestrationServiceSettings settings;
    private readonly ILogger logger;
    private readonly TimeProvider clock;
    private readonly string connectionString;
    private readonly string workerId;
    private readonly Payloads payloads;
    private readonly SemaphoreSlim initLock = new(1, 1);
    private readonly WakeSignal orchestrationWork = new();
    private readonly WakeSignal activityWork = new();
    private readonly PollHeat orchestrationHeat = new();
    private readonly PollHeat activityHeat = new();
    private CancellationTokenSource stopping = new();
    private SqliteConnection? writer;
    private SqliteWriteBatcher? batcher;
    private WalCheckpointer? checkpointer;
    private int sessionsHeld;
    private volatile bool initialized;
    private bool disposed;

    /// <summary>Creates the service; the schema is created or upgraded on first use.</summary>
    /// <exception cref="ArgumentException">The settings are not valid.</exception>
    public SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ThrowIfInvalid();
        this.settings = settings;
        this.logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteOrchestrationService>();
        this.clock = timeProvider ?? TimeProvider.System;
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds)),
        };
        this.connectionString = builder.ToString();
        this.workerId = settings.WorkerId ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        this.payloads = new Payloads(settings.PayloadInlineThreshold);
    }

    /// <summary>The settings this service runs with.</summary>
    public SqliteOrchestrationServiceSettings Settings => this.settings;

    /// <inheritdoc/>
    public int TaskOrchestrationDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskOrchestrationWorkItems => this.settings.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc/>
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc/>
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc/>
    public int MaxConcurrentTaskActivityWorkItems => this.settings.MaxConcurrentTaskActivityWorkItems;

    /// <summary>Transactions committed by this process's writer (several checkpoints may share one).</summary>
    internal long Commits => this.batcher?.Commits ?? 0;

    private DateTime Now => this.clock.GetUtcNow().UtcDateTime;

    /// <inheritdoc/>
    public Task StartAsync()
    {
        if (this.stopping.IsCancellationRequested)
        {
            this.stopping = new CancellationTokenSource();
        }

        return this.EnsureInitializedAsync(CancellationToken.None);
    }

    /// <inheritdoc/>
    public Task StopAsync() => this.StopAsync(isForced: false);

    /// <inheritdoc/>
    /// <remarks>Ends waiting extended sessions, so the dispatchers can drain, and gives back the locks of work items
    /// claimed but not handed out. The connection stays open: a client may share this service after the worker
    /// stopped; disposing closes it.</remarks>
    public async Task StopAsync(bool isForced)
    {
        await this.stopping.CancelAsync().ConfigureAwait(false);
        if (this.initialized)
        {
            await this.ReleaseClaimedAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task CreateAsync() => this.CreateAsync(recreateInstanceStore: false);

    /// <inheritdoc/>
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await this.DeleteAsync(deleteInstanceStore: true).ConfigureAwait(false);
        }

        await this.EnsureInitializedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync() => this.EnsureInitializedAsync(CancellationToken.None);

    /// <inheritdoc/>
    public Task DeleteAsync() => this.DeleteAsync(deleteInstanceStore: true);

    /// <inheritdoc/>
    /// <remarks>Deletes every instance, message, task and payload of the task hub; the schema stays.</remarks>
    public async Task DeleteAsync(bool deleteInstanceStore)
    {
        await this.WriteAsync(
            (c, tx) =>
            {
                foreach (string table in InstanceTables)
                {
                    c.Execute(tx, $"DELETE FROM {table}");
                }

                c.Execute(tx, "DELETE FROM Instances");

                return 0;
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <inheritdoc/>
    /// <remarks>A lost lock is no store failure, so no back-off; a database error backs the dispatcher off a second.</remarks>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => exception is SqliteException ? 1 : 0;

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception is OperationCanceledException ? 0 : 1;

    /// <summary>Closes the writer connection.</summary>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        this.checkpointer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (this.writer is not null)
        {
            this.writer.ReleasePreparedCommands();
            this.writer.Dispose();
        }

        this.initLock.Dispose();
        this.stopping.Dispose();
    }

    /// <summary>Creates or upgrades the schema and opens the writer; refuses a database of the old engine, of newer code
    /// or of another task hub.</summary>
    internal async Task EnsureInitializedAsync(CancellationToken cancellation)
    {
        if (this.initialized)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(this.disposed, this);
        await this.initLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (this.initialized)
            {
                return;
            }

            string dataSource = new SqliteConnectionStringBuilder(this.connectionString).DataSource;
            string? folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var connection = new SqliteConnection(this.connectionString);
            try
            {
                connection.Open();
                connection.Execute(null, $"PRAGMA busy_timeout={(long)this.settings.BusyTimeout.TotalMilliseconds};");
                SqliteSchema.Migrate(connection, this.settings.TaskHubName, this.Now);

                // NORMAL is durable against process crashes in WAL mode (the WAL is written before commit returns);
                // only an OS crash or power loss can lose the last commits.
                connection.Execute(null, "PRAGMA synchronous=NORMAL;");

                // The log is copied back by the checkpointer's own connection; the writer's automatic checkpoint is
                // only a backstop.
                connection.Execute(null, $"PRAGMA wal_autocheckpoint={WalCheckpointer.BackstopPages};");
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            connection.KeepCommandsPrepared();
            this.writer = connection;
            this.batcher = new SqliteWriteBatcher(connection);
            SqliteWriteBatcher batcher = this.batcher;
            this.checkpointer = new WalCheckpointer(this.connectionString, () => batcher.Commits, this.logger);
            this.initialized = true;
            Log.Ready(this.logger, this.settings.TaskHubName, SqliteSchema.LatestVersion, this.workerId);
        }
        finally
        {
            this.initLock.Release();
        }
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellation)
    {
        await this.EnsureInitializedAsync(cancellation).ConfigureAwait(false);
        return await this.batcher!.WriteAsync(work).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellation)
    {
        await this.EnsureInitializedAsync(cancellation).ConfigureAwait(false);
        using var connection = new SqliteConnection(this.connectionString);
        connection.Open();
        return read(connection);
    }

    private static string NewToken() => Guid.NewGuid().ToString("N");
}
