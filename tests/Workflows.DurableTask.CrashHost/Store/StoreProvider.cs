namespace Workflows.DurableTask.CrashHost.Store;

/// <summary>The DurableTask.Core providers the crash tests run on.</summary>
public enum StoreProvider
{
    /// <summary><c>SqliteOrchestrationService</c> on one file.</summary>
    Sqlite,

    /// <summary>DurableTask.AzureStorage (Azurite in the tests).</summary>
    AzureStorage,
}
