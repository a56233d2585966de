using System.Globalization;
using Microsoft.Data.Sqlite;
using Workflows.Durable.Client;
using Workflows.Durable.Storage;
using Workflows.Durable.Storage.Sqlite;

namespace Workflows.Durable.Tests.Storage;

/// <summary>The storage contract against the SQLite store, on a real file in a temporary folder per test, plus the
/// checks that only make sense for SQLite (where payloads live, schema versions).</summary>
public sealed class SqliteStoreContractTests : OrchestrationStoreContractTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("store-contract-").FullName;

    private string DatabasePath => Path.Combine(this.folder, "store.db");

    [Fact]
    public async Task LargePayloads_AreStoredInThePayloadsTable_NotInTheHotRows_AndLeaveNoOrphans()
    {
        // Small payloads, and the events that carry them, stay inline; events carrying a large one (2,002 characters) do not.
        IOrchestrationStore store = await this.OpenStoreAsync(o => o.PayloadInlineThreshold = 1000);
        await store.CreateInstanceAsync(this.NewInstance("small", input: "\"tiny\""), [], this.Ct);
        await store.CreateInstanceAsync(this.NewInstance("large", input: Big('i')), [], this.Ct);
        await this.RunEpisodeAsync(store, "large", item => this.Episode(
            item,
            activities: [new ActivityRequest(0, "Heavy", null, Big('a'))],
            customStatus: Big('s')));

        Assert.Equal(0, this.Scalar("SELECT COUNT(*) FROM Payloads WHERE InstanceId = 'small'"));
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Instances WHERE InstanceId = 'large' AND Input IS NULL AND InputPayloadId IS NOT NULL"));
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Instances WHERE InstanceId = 'large' AND CustomStatus IS NULL AND CustomStatusPayloadId IS NOT NULL"));
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Tasks WHERE InstanceId = 'large' AND Input IS NULL AND PayloadId IS NOT NULL"));
        Assert.True(this.Scalar("SELECT COUNT(*) FROM History WHERE InstanceId = 'large' AND Data IS NULL AND PayloadId IS NOT NULL") >= 2, "Large history events are stored inline.");
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Instances WHERE InstanceId = 'small' AND Input = '\"tiny\"' AND InputPayloadId IS NULL"));
        this.AssertNoOrphanPayloads();

        ActivityWorkItem activity = Assert.Single(await store.LockNextActivitiesAsync(10, this.Ct));
        Assert.Equal([true], await store.CompleteActivitiesAsync([(activity, this.TaskCompleted(0, Big('r')))], this.Ct));
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Inbox WHERE InstanceId = 'large' AND Data IS NULL AND PayloadId IS NOT NULL"));
        this.AssertNoOrphanPayloads();

        // Continue as new with a new large input and custom status: the old execution's payloads go.
        Assert.True(await store.SendMessageAsync("large", this.EventRaised("Carried", Big('c')), null, this.Ct));
        string nextInput = Big('n');
        await this.RunEpisodeAsync(store, "large", item => this.Episode(
            item,
            customStatus: Big('t'),
            continueAsNew: new NewExecution("exec-2", nextInput, [this.ExecutionStarted("Orchestrator", "exec-2", nextInput), this.EventRaised("Carried", Big('c'))])));
        this.AssertNoOrphanPayloads();
        await this.RunEpisodeAsync(store, "large", item => this.Episode(item, OrchestrationRuntimeStatus.Completed, customStatus: Big('u'), output: Big('o')));
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Instances WHERE InstanceId = 'large' AND Output IS NULL AND OutputPayloadId IS NOT NULL"));
        this.AssertNoOrphanPayloads();
        InstanceRecord record = await this.GetAsync(store, "large");
        Assert.Equal((nextInput, Big('o'), Big('u')), (record.Input, record.Output, record.CustomStatus));

        Assert.Equal(1, await store.PurgeInstanceAsync("large", recursive: false, this.Ct));
        Assert.Equal(0, this.Scalar("SELECT COUNT(*) FROM Payloads"));
    }

    [Fact]
    public async Task LockNextOrchestrations_UnreadableMessage_HoldsItsInstance_AndOnlyIt()
    {
        IOrchestrationStore store = await this.OpenStoreAsync();
        var reported = new List<(string InstanceId, int Count)>();
        ((SqliteOrchestrationStore)store).UnreadableMessage += (id, count) => reported.Add((id, count));
        await this.StartAsync(store, "damaged");
        await this.StartAsync(store, "healthy");
        this.Execute($"INSERT INTO Inbox (InstanceId, VisibleAt, Data) VALUES ('damaged', {T0.UtcTicks}, '{{\"EventType\":\"FromANewerVersion\"}}')");
        HistoryEvent after = this.EventRaised("After", "1");
        Assert.True(await store.SendMessageAsync("damaged", after, null, this.Ct));
        Assert.True(await store.SendMessageAsync("healthy", this.EventRaised("Go"), null, this.Ct));

        OrchestrationWorkItem healthy = Assert.Single(await store.LockNextOrchestrationsAsync(10, this.Ct));

        Assert.Equal("healthy", healthy.InstanceId);
        Assert.Equal([("damaged", 1)], reported);

        // The instance waits, however the clock moves: the message after the unreadable one does not overtake it.
        await store.CompleteOrchestrationAsync(healthy, this.Episode(healthy), this.Ct);
        await this.AssertNothingToClaimAsync(store);
        this.Clock.Advance(TimeSpan.FromMinutes(2));
        await this.AssertNothingToClaimAsync(store);
        Assert.True(await store.SendMessageAsync("damaged", this.EventRaised("Later"), null, this.Ct));
        await this.AssertNothingToClaimAsync(store);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await this.GetAsync(store, "damaged")).RuntimeStatus);
        Assert.Equal(3, this.Scalar("SELECT COUNT(*) FROM Inbox WHERE InstanceId = 'damaged'"));
        Assert.Equal(1, this.Scalar("SELECT COUNT(*) FROM Inbox WHERE InstanceId = 'damaged' AND Data LIKE '%FromANewerVersion%'"));

        // Other instances keep flowing.
        Assert.True(await store.SendMessageAsync("healthy", this.EventRaised("Again"), null, this.Ct));
        Assert.Equal("healthy", (await this.ClaimAsync(store, "healthy")).InstanceId);
    }

    [Fact]
    public async Task Initialize_IsIdempotent_TwiceAndFromSeveralStoresOnOneFile()
    {
        IOrchestrationStore first = await this.OpenStoreAsync(initialize: false);
        IOrchestrationStore second = await this.OpenStoreAsync(initialize: false);

        await Task.WhenAll(first.InitializeAsync(this.Ct), second.InitializeAsync(this.Ct));
        await first.InitializeAsync(this.Ct);
        IOrchestrationStore third = await this.OpenStoreAsync();

        Assert.Equal(SqliteSchema.LatestVersion, this.Scalar("SELECT COUNT(*) FROM SchemaVersions"));
        Assert.Equal(SqliteSchema.LatestVersion, this.Scalar("SELECT MAX(Version) FROM SchemaVersions"));
        Assert.Equal("wal", this.Text("PRAGMA journal_mode"));
        await first.CreateInstanceAsync(this.NewInstance("shared"), [], this.Ct);
        Assert.NotNull(await second.GetInstanceAsync("shared", includePayloads: false, this.Ct));
        Assert.Equal("shared", (await this.ClaimAsync(third, "shared")).InstanceId);
    }

    [Fact]
    public async Task Initialize_DatabaseWithANewerSchemaVersion_IsRefusedWithAClearMessage()
    {
        IOrchestrationStore current = await this.OpenStoreAsync();
        await current.CreateInstanceAsync(this.NewInstance("existing"), [], this.Ct);
        int newer = SqliteSchema.LatestVersion + 1;
        this.Execute($"INSERT INTO SchemaVersions (Version, AppliedAt) VALUES ({newer}, '2030-01-01T00:00:00Z')");
        IOrchestrationStore older = await this.OpenStoreAsync(initialize: false);

        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => older.InitializeAsync(this.Ct));

        Assert.Contains($"schema version {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"this engine's {SqliteSchema.LatestVersion}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade the engine", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => older.GetInstanceAsync("existing", includePayloads: false, this.Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => older.LockNextOrchestrationsAsync(10, this.Ct));
        Assert.Equal(SqliteSchema.LatestVersion + 1, this.Scalar("SELECT COUNT(*) FROM SchemaVersions"));
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DeleteDatabaseAsync()
    {
        // The store pools its connections under its own connection string; clear that pool so the files are closed.
        using (var pooled = new SqliteConnection(new SqliteConnectionStringBuilder(this.ConnectionString()) { Pooling = true }.ToString()))
        {
            SqliteConnection.ClearPool(pooled);
        }

        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    protected override Task<IOrchestrationStore> CreateStoreAsync(TimeProvider clock, Action<StoreTestOptions>? configure)
    {
        var options = new StoreTestOptions();
        configure?.Invoke(options);
        IOrchestrationStore store = new SqliteOrchestrationStore(
            new SqliteStoreOptions
            {
                ConnectionString = this.ConnectionString(),
                LockTimeout = options.LockTimeout,
                PayloadInlineThreshold = options.PayloadInlineThreshold,
                WorkerId = options.WorkerId,
            },
            clock);
        return Task.FromResult(store);
    }

    private string ConnectionString() => $"Data Source={this.DatabasePath}";

    private void AssertNoOrphanPayloads() => Assert.Equal(
        0,
        this.Scalar(
            """
            SELECT COUNT(*) FROM Payloads WHERE PayloadId NOT IN (
                SELECT InputPayloadId FROM Instances WHERE InputPayloadId IS NOT NULL
                UNION SELECT OutputPayloadId FROM Instances WHERE OutputPayloadId IS NOT NULL
                UNION SELECT CustomStatusPayloadId FROM Instances WHERE CustomStatusPayloadId IS NOT NULL
                UNION SELECT PayloadId FROM History WHERE PayloadId IS NOT NULL
                UNION SELECT PayloadId FROM Inbox WHERE PayloadId IS NOT NULL
                UNION SELECT PayloadId FROM Tasks WHERE PayloadId IS NOT NULL)
            """));

    private long Scalar(string sql) => Convert.ToInt64(this.Query(sql), CultureInfo.InvariantCulture);

    private string? Text(string sql) => this.Query(sql) as string;

    private object? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={this.DatabasePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={this.DatabasePath};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
