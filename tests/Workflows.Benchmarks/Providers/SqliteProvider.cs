using System.Text.Json.Nodes;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Benchmarks.Selection;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Benchmarks.Providers;

/// <summary>The SQLite provider with its default settings on a fresh file in the run's folder.</summary>
internal sealed class SqliteProvider(string folder) : BenchmarkProvider
{
    private readonly SqliteOrchestrationServiceSettings settings = new() { ConnectionString = $"Data Source={Path.Combine(folder, "provider.db")}" };

    public override ProviderKind Kind => ProviderKind.Sqlite;

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
