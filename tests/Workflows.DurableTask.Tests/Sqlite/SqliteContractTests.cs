using DurableTask.Core;
using Workflows.DurableTask.Sqlite;
using Workflows.DurableTask.Tests.Contract;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>The provider contract on SQLite: a fresh temporary file per test; every service of a test opens it, as
/// processes sharing the file would.</summary>
public sealed class SqliteContractTests : OrchestrationServiceContractTests
{
    private readonly List<SqliteOrchestrationService> services = [];
    private SqliteTestFile? file;

    internal static SqliteOrchestrationServiceSettings Settings(string connectionString, ServiceProfile profile) => new()
    {
        ConnectionString = connectionString,
        TaskHubName = "contract",
        OrchestrationLockTimeout = profile.LockTimeout,
        ActivityLockTimeout = profile.LockTimeout,
        ExtendedSessionsEnabled = profile.ExtendedSessions,
        ExtendedSessionIdleTimeout = TimeSpan.FromMilliseconds(Math.Min(2000, profile.LockTimeout.TotalMilliseconds / 2)),
        AbandonDelay = TimeSpan.FromMilliseconds(100),
        MaxPollingInterval = TimeSpan.FromMilliseconds(100),
    };

    protected override Task CreateStoreAsync()
    {
        this.file = new SqliteTestFile();
        return Task.CompletedTask;
    }

    protected override async Task<IOrchestrationService> CreateServiceAsync(ServiceProfile profile)
    {
        var service = new SqliteOrchestrationService(Settings(this.file!.ConnectionString, profile));
        this.services.Add(service);
        await service.CreateIfNotExistsAsync();
        return service;
    }

    protected override async Task DeleteStoreAsync()
    {
        foreach (SqliteOrchestrationService service in this.services)
        {
            await service.StopAsync();
            service.Dispose();
        }

        this.file?.Dispose();
    }
}
