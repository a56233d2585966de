using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Sqlite;

namespace Workflows.DurableTask.CrashHost.Store;

/// <summary>The SQLite provider as the store of a worker and a client, through the hosting's
/// <c>UseOrchestrationService</c>; the provider project has no builder extension of its own yet.</summary>
public static class SqliteStoreBuilderExtensions
{
    /// <summary>Runs the worker on <see cref="SqliteOrchestrationService"/>; a client of the same name shares it.</summary>
    public static IDurableTaskWorkerBuilder UseSqliteStore(this IDurableTaskWorkerBuilder builder, Action<SqliteOrchestrationServiceSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseOrchestrationService(sp => Create(sp, configure));
    }

    /// <summary>Makes the client use <see cref="SqliteOrchestrationService"/>, shared with the worker of the same name.</summary>
    public static IDurableTaskClientBuilder UseSqliteStore(this IDurableTaskClientBuilder builder, Action<SqliteOrchestrationServiceSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseOrchestrationService(sp => Create(sp, configure));
    }

    private static SqliteOrchestrationService Create(IServiceProvider services, Action<SqliteOrchestrationServiceSettings> configure)
    {
        var settings = new SqliteOrchestrationServiceSettings();
        configure(settings);
        return new SqliteOrchestrationService(settings, services.GetService<ILoggerFactory>());
    }
}
