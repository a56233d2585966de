using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Runs a worker and a client on <see cref="SqliteOrchestrationService"/>; a worker and a client of the same
/// builder name share one service (the worker's settings win when both configure it). The default-named builders also
/// register that service as the host's <see cref="IInstanceQueryPort"/>, for dashboards.</summary>
public static class SqliteBuilderExtensions
{
    /// <summary>Runs the worker in-process on the SQLite file <paramref name="connectionString"/> names.</summary>
    /// <param name="builder">The worker's builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=workflows.db</c>.</param>
    /// <param name="configure">Changes the settings after the connection string is set.</param>
    public static IDurableTaskWorkerBuilder UseSqlite(this IDurableTaskWorkerBuilder builder, string connectionString, Action<SqliteOrchestrationServiceSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AddQueryPort(builder.Services, builder.Name);
        return builder.UseOrchestrationService(sp => Create(sp, connectionString, configure));
    }

    /// <summary>Makes the client use the SQLite file <paramref name="connectionString"/> names.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=workflows.db</c>.</param>
    /// <param name="configure">Changes the settings after the connection string is set.</param>
    public static IDurableTaskClientBuilder UseSqlite(this IDurableTaskClientBuilder builder, string connectionString, Action<SqliteOrchestrationServiceSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        AddQueryPort(builder.Services, builder.Name);
        return builder.UseOrchestrationService(sp => Create(sp, connectionString, configure));
    }

    private static void AddQueryPort(IServiceCollection services, string name)
    {
        if (name == Microsoft.Extensions.Options.Options.DefaultName)
        {
            services.TryAddSingleton<IInstanceQueryPort>(sp => (IInstanceQueryPort)sp.GetRequiredKeyedService<OrchestrationServiceHandle>(name).Service);
        }
    }

    private static SqliteOrchestrationService Create(IServiceProvider services, string connectionString, Action<SqliteOrchestrationServiceSettings>? configure)
    {
        var settings = new SqliteOrchestrationServiceSettings { ConnectionString = connectionString };
        configure?.Invoke(settings);
        return new SqliteOrchestrationService(settings, services.GetService<ILoggerFactory>(), services.GetService<TimeProvider>());
    }
}
