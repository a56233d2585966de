using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Workflows.DurableTask.Sqlite;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The SQLite provider on a fresh temporary file per test class (deleted afterwards), extended sessions as
/// <see cref="ExtendedSessions"/> says.</summary>
public abstract class SqliteScenarioProvider : ScenarioProvider
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "dt-scenarios-" + Guid.NewGuid().ToString("N"));

    /// <summary>Whether cached orchestrations are fed only their new events.</summary>
    protected abstract bool ExtendedSessions { get; }

    private string ConnectionString => $"Data Source={Path.Combine(this.folder, "store.db")}";

    public override void ConfigureWorker(IDurableTaskWorkerBuilder builder) => builder.UseSqlite(this.ConnectionString, this.Configure);

    public override void ConfigureClient(IDurableTaskClientBuilder builder) => builder.UseSqlite(this.ConnectionString, this.Configure);

    protected override Task IsolateAsync()
    {
        Directory.CreateDirectory(this.folder);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(this.folder))
        {
            Directory.Delete(this.folder, recursive: true);
        }
    }

    private void Configure(SqliteOrchestrationServiceSettings settings) => settings.ExtendedSessionsEnabled = this.ExtendedSessions;
}
