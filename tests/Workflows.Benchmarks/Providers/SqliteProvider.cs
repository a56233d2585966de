using System.Text.Json.Nodes;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Benchmarks.Selection;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Benchmarks.Providers;

/// <summary>The SQLite provider on a fresh file in the run's folder, with its default settings unless the command line
/// overrides its concurrency or extended sessions.</summary>
internal sealed class SqliteProvider : BenchmarkProvider
{
    private readonly SqliteOrchestrationServiceSettings settings;

    public SqliteProvider(string folder, int? concurrency, bool? extendedSessions)
    {
        this.DatabasePath = Path.Combine(folder, "provider.db");
        this.settings = new SqliteOrchestrationServiceSettings { ConnectionString = $"Data Source={this.DatabasePath}" };
        if (concurrency is int both)
        {
            this.settings.MaxConcurrentTaskOrchestrationWorkItems = both;
            this.settings.MaxConcurrentTaskActivityWorkItems = both;
        }

        if (extendedSessions is bool sessions)
        {
            this.settings.ExtendedSessionsEnabled = sessions;
        }

        this.settings.ThrowIfInvalid();
    }

    public override ProviderKind Kind => ProviderKind.Sqlite;

    /// <summary>The store's file.</summary>
    public string DatabasePath { get; }

    /// <summary>The store's connection string, for a second service (queries, other processes) on the same file.</summary>
    public string ConnectionString => this.settings.ConnectionString;

    public const string SectionKey = "sqlite";

    public override string Key => SectionKey;

    public override IOrchestrationService Create(IServiceProvider services) =>
        new SqliteOrchestrationService(this.settings, services.GetRequiredService<ILoggerFactory>());

    public override JsonObject DescribeSettings() => new()
    {
        ["maxConcurrentOrchestrations"] = this.settings.MaxConcurrentTaskOrchestrationWorkItems,
        ["maxConcurrentActivities"] = this.settings.MaxConcurrentTaskActivityWorkItems,
        ["extendedSessions"] = this.settings.ExtendedSessionsEnabled,
        ["extendedSessionIdleTimeoutSeconds"] = this.settings.ExtendedSessionIdleTimeout.TotalSeconds,
        ["minPollingIntervalMs"] = this.settings.MinPollingInterval.TotalMilliseconds,
        ["maxPollingIntervalMs"] = this.settings.MaxPollingInterval.TotalMilliseconds,
    };
}
