using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Workflows.DurableTask.AzureStorage;
using Workflows.DurableTask.Configuration;
using Workflows.DurableTask.Hosting;
using Workflows.Governance.Documents;

namespace Workflows.Governance.Storage;

/// <summary>The table and blob services of the storage account a Function App runs on, found as the Functions host
/// and the Durable extension find them: the <c>AzureWebJobsStorage</c> setting as a connection string, or
/// identity-based (<c>AzureWebJobsStorage__accountName</c>, or the <c>__blobServiceUri</c>, <c>__queueServiceUri</c>
/// and <c>__tableServiceUri</c> the task hub needs anyway), signed in to with the app's identity.</summary>
public sealed class AzureStorageConnection
{
    /// <summary>The setting's name.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly StorageAccountClientProvider account;

    private AzureStorageConnection(StorageAccountClientProvider account) => this.account = account;

    /// <summary>The connection <paramref name="configuration"/> holds; throws <see cref="StoreConfigurationException"/>,
    /// naming the settings to add (never their values), when it holds none.</summary>
    public static AzureStorageConnection From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConnectionSetting setting = ConnectionSetting.Find(configuration, SettingName)
            ?? throw new StoreConfigurationException(
                $"'{SettingName}' is not set: the Function App keeps what its instances share (the email ledger, raised " +
                "decisions, sign-in failures and the Data Protection keys) in that storage account. Set it to a connection " +
                $"string, or set '{SettingName}__accountName' to use the app's identity.");
        return setting.ConnectionString is { } connectionString
            ? FromConnectionString(connectionString)
            : new AzureStorageConnection(IdentityStorageConnection.Create(setting.Section!));
    }

    /// <summary>A connection from a connection string (<c>UseDevelopmentStorage=true</c> or an Azurite's).</summary>
    public static AzureStorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new AzureStorageConnection(new StorageAccountClientProvider(connectionString));
    }

    /// <summary>A client of the table <paramref name="tableName"/>.</summary>
    public TableClient Table(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return this.account.Table.CreateClient(this.account.Table.CreateOptions()).GetTableClient(tableName);
    }

    /// <summary>A client of the blob container <paramref name="containerName"/>, speaking the blob service version the
    /// document store pins.</summary>
    public BlobContainerClient BlobContainer(string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);
        return this.account.Blob.CreateClient(new BlobClientOptions(BlobDocumentStore.ServiceVersion)).GetBlobContainerClient(containerName);
    }
}
