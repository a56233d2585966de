namespace Workflows.Soak;

/// <summary>The store every host process of a run shares.</summary>
public enum SoakProvider
{
    /// <summary>One SQLite file in the run's data folder.</summary>
    Sqlite,

    /// <summary>A task hub of Azure Storage on an Azurite the soak starts.</summary>
    AzureStorage,
}
