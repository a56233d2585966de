namespace Workflows.Benchmarks.Selection;

/// <summary>The orchestration services a run measures, selectable with <c>--only</c>.</summary>
[Flags]
internal enum ProviderKind
{
    None = 0,

    /// <summary>The SQLite provider (<c>SqliteOrchestrationService</c>), the one the targets are for.</summary>
    Sqlite = 1,

    /// <summary>DurableTask.AzureStorage over an Azurite the benchmark starts.</summary>
    AzureStorage = 2,

    /// <summary>DurableTask.Core's in-memory service (InProcessTestHost): the framework's own ceiling.</summary>
    InMemory = 4,
    All = Sqlite | AzureStorage | InMemory,
}
