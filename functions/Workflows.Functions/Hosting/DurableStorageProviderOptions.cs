namespace Workflows.Functions.Hosting;

/// <summary>The <c>extensions.durableTask.storageProvider</c> settings of host.json.</summary>
public sealed class DurableStorageProviderOptions
{
    /// <summary>The only provider this host has so far.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The provider; <c>sqlite</c> is the one supported.</summary>
    public string Type { get; set; } = Sqlite;

    /// <summary>The name of the setting (in <c>ConnectionStrings</c>, or a plain key such as a local.settings.json value)
    /// that holds the connection string; when that setting is absent, the store is <c>{DataDirectory}/workflows.db</c>.</summary>
    public string? ConnectionStringName { get; set; }
}
