namespace Workflows.DurableTask.Configuration;

/// <summary>host.json's <c>extensions.durableTask.storageProvider</c>: the provider's <c>type</c>, where its connection
/// comes from, and the Azure Storage settings Durable Functions documents (unset ones keep this service's defaults,
/// see <see cref="AzureStorage.AzureStorageDefaults"/>).</summary>
public sealed class StorageProviderOptions
{
    /// <summary>The embedded SQLite provider, the default when no <c>type</c> is set.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>DurableTask.AzureStorage (Azure Storage, or Azurite locally).</summary>
    public const string AzureStorage = "AzureStorage";

    /// <summary>The connection Azure Storage uses when none is named, as in Durable Functions.</summary>
    public const string DefaultAzureStorageConnectionName = "AzureWebJobsStorage";

    /// <summary><c>type</c>: <c>sqlite</c> (default) or <c>AzureStorage</c>, case-insensitive.</summary>
    public string? Type { get; set; }

    /// <summary><c>connectionStringName</c>: the setting holding the connection string (SQLite's; Azure Storage reads it
    /// when <see cref="ConnectionName"/> is not set).</summary>
    public string? ConnectionStringName { get; set; }

    /// <summary><c>connectionName</c>: the setting holding Azure Storage's connection, default <c>AzureWebJobsStorage</c>;
    /// read as a plain key, as <c>ConnectionStrings:&lt;name&gt;</c>, or as a section (<c>&lt;name&gt;__...</c>).</summary>
    public string? ConnectionName { get; set; }

    /// <summary><c>partitionCount</c>: Azure Storage control queues (1-16), fixed when the task hub is created; default 4.</summary>
    public int? PartitionCount { get; set; }

    /// <summary><c>maxQueuePollingInterval</c>: the longest wait between polls of an idle queue; default 1 s here.</summary>
    public TimeSpan? MaxQueuePollingInterval { get; set; }

    /// <summary><c>controlQueueVisibilityTimeout</c>: how long a dequeued orchestration message stays hidden; default 30 s here.</summary>
    public TimeSpan? ControlQueueVisibilityTimeout { get; set; }

    /// <summary><c>workItemQueueVisibilityTimeout</c>: how long a dequeued activity stays hidden; default 1 min here.</summary>
    public TimeSpan? WorkItemQueueVisibilityTimeout { get; set; }

    /// <summary><c>controlQueueBatchSize</c>: messages taken from a control queue at once (1-32); default 32.</summary>
    public int? ControlQueueBatchSize { get; set; }

    /// <summary><c>controlQueueBufferThreshold</c>: control-queue messages a worker buffers in memory; default 256 (64 on consumption plans in Functions).</summary>
    public int? ControlQueueBufferThreshold { get; set; }

    /// <summary><c>trackingStoreNamePrefix</c>: the prefix of the History and Instances tables when they live elsewhere.</summary>
    public string? TrackingStoreNamePrefix { get; set; }

    /// <summary><c>useTablePartitionManagement</c>: keep partition leases in a table rather than in blobs.</summary>
    public bool? UseTablePartitionManagement { get; set; }

    /// <summary><c>useLegacyPartitionManagement</c>: the old blob-lease partition manager.</summary>
    public bool? UseLegacyPartitionManagement { get; set; }

    /// <summary><c>fetchLargeMessagesAutomatically</c>: whether large payloads kept in blobs are fetched for queries.</summary>
    public bool? FetchLargeMessagesAutomatically { get; set; }
}
