namespace Workflows.DurableTask.Configuration;

/// <summary>A storage provider that host.json's <c>storageProvider.type</c> can select: it configures the worker and
/// the client from the bound options and the configuration. Register one with
/// <see cref="DurableTaskConfigurationServiceCollectionExtensions.AddDurableTaskStorageProvider"/> before calling
/// <see cref="DurableTaskConfigurationServiceCollectionExtensions.AddDurableTaskFromConfiguration"/>; Azure Storage is built in.</summary>
public interface IStorageProviderFactory
{
    /// <summary>The <c>type</c> value that selects this provider, matched case-insensitively (e.g. <c>sqlite</c>).</summary>
    string Type { get; }

    /// <summary>Configures <see cref="StorageProviderContext.Worker"/> and <see cref="StorageProviderContext.Client"/>
    /// (usually through <c>UseOrchestrationService</c>). Throws <see cref="Hosting.StoreConfigurationException"/>, naming
    /// the key with <see cref="StorageProviderContext.Key"/> and never quoting a connection string, when the settings are wrong.</summary>
    void Configure(StorageProviderContext context);
}
