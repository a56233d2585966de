using System.Text.RegularExpressions;
using DurableTask.AzureStorage;
using Workflows.DurableTask.AzureStorage;
using Workflows.DurableTask.Hosting;

namespace Workflows.DurableTask.Configuration;

/// <summary>Selects Azure Storage (<c>storageProvider.type</c> <c>AzureStorage</c>): the connection from
/// <c>connectionName</c> (default <c>AzureWebJobsStorage</c>: a connection string, or an identity-based section, see
/// <see cref="IdentityStorageConnection"/>), host.json's settings over this service's defaults.</summary>
public sealed partial class AzureStorageProviderFactory : IStorageProviderFactory
{
    /// <inheritdoc/>
    public string Type => StorageProviderOptions.AzureStorage;

    /// <inheritdoc/>
    public void Configure(StorageProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StorageProviderOptions provider = context.Options.StorageProvider;
        (string connectionName, string connectionKey) = provider.ConnectionName is { Length: > 0 } named
            ? (named, context.Key("storageProvider:connectionName"))
            : provider.ConnectionStringName is { Length: > 0 } legacy
                ? (legacy, context.Key("storageProvider:connectionStringName"))
                : (StorageProviderOptions.DefaultAzureStorageConnectionName, context.Key("storageProvider:connectionName"));

        ConnectionSetting connection = context.FindConnection(connectionName)
            ?? throw new StoreConfigurationException(
                $"Azure Storage has no connection: '{connectionName}' (named by '{connectionKey}') is not set. Set it as an app setting or " +
                $"environment variable, or as 'ConnectionStrings:{connectionName}', to an Azure Storage connection string " +
                "('UseDevelopmentStorage=true' for Azurite), or name another setting in that key.");
        Validate(context);
        context.DescribeStoreAs(connectionKey);
        if (connection.ConnectionString is { } connectionString)
        {
            context.Worker.UseAzureStorage(connectionString, settings => Apply(context.Options, settings));
            context.Client.UseAzureStorage(connectionString, settings => Apply(context.Options, settings));
        }
        else
        {
            StorageAccountClientProvider storage = IdentityStorageConnection.Create(connection.Section!);
            context.Worker.UseAzureStorage(storage, settings => Apply(context.Options, settings));
            context.Client.UseAzureStorage(storage, settings => Apply(context.Options, settings));
        }
    }

    /// <summary>Puts host.json's settings onto <paramref name="settings"/> (this service's defaults stay where unset).</summary>
    public static void Apply(DurableTaskOptions options, AzureStorageOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        StorageProviderOptions provider = options.StorageProvider;
        settings.TaskHubName = options.HubName;
        settings.PartitionCount = provider.PartitionCount ?? settings.PartitionCount;
        settings.MaxQueuePollingInterval = provider.MaxQueuePollingInterval ?? settings.MaxQueuePollingInterval;
        settings.ControlQueueVisibilityTimeout = provider.ControlQueueVisibilityTimeout ?? settings.ControlQueueVisibilityTimeout;
        settings.WorkItemQueueVisibilityTimeout = provider.WorkItemQueueVisibilityTimeout ?? settings.WorkItemQueueVisibilityTimeout;
        settings.ControlQueueBatchSize = provider.ControlQueueBatchSize ?? settings.ControlQueueBatchSize;
        settings.ControlQueueBufferThreshold = provider.ControlQueueBufferThreshold ?? settings.ControlQueueBufferThreshold;
        settings.TrackingStoreNamePrefix = provider.TrackingStoreNamePrefix ?? settings.TrackingStoreNamePrefix;
        settings.UseTablePartitionManagement = provider.UseTablePartitionManagement ?? settings.UseTablePartitionManagement;
        settings.UseLegacyPartitionManagement = provider.UseLegacyPartitionManagement ?? settings.UseLegacyPartitionManagement;
        settings.FetchLargeMessageDataEnabled = provider.FetchLargeMessagesAutomatically ?? settings.FetchLargeMessageDataEnabled;
        settings.MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions ?? settings.MaxConcurrentTaskOrchestrationWorkItems;
        settings.MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions ?? settings.MaxConcurrentTaskActivityWorkItems;
        settings.ExtendedSessionsEnabled = options.ExtendedSessionsEnabled ?? settings.ExtendedSessionsEnabled;
        if (options.ExtendedSessionIdleTimeoutInSeconds is { } idleSeconds)
        {
            settings.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(idleSeconds);
        }
    }

    private static void Validate(StorageProviderContext context)
    {
        DurableTaskOptions options = context.Options;
        StorageProviderOptions provider = options.StorageProvider;
        Require(context, "hubName", HubName().IsMatch(options.HubName ?? string.Empty),
            "must be 3 to 45 letters and digits, starting with a letter, for Azure Storage");
        Require(context, "storageProvider:partitionCount", provider.PartitionCount is null or (>= 1 and <= 16), "must be between 1 and 16");
        Require(context, "storageProvider:controlQueueBatchSize", provider.ControlQueueBatchSize is null or (>= 1 and <= 32), "must be between 1 and 32");
        Require(context, "storageProvider:controlQueueBufferThreshold", provider.ControlQueueBufferThreshold is null or >= 1, "must be at least 1");
        Require(context, "storageProvider:maxQueuePollingInterval", provider.MaxQueuePollingInterval is null || provider.MaxQueuePollingInterval >= TimeSpan.FromMilliseconds(100), "must be at least 00:00:00.1");
        Require(context, "storageProvider:controlQueueVisibilityTimeout", provider.ControlQueueVisibilityTimeout is null || provider.ControlQueueVisibilityTimeout >= TimeSpan.FromSeconds(1), "must be at least 00:00:01");
        Require(context, "storageProvider:workItemQueueVisibilityTimeout", provider.WorkItemQueueVisibilityTimeout is null || provider.WorkItemQueueVisibilityTimeout >= TimeSpan.FromSeconds(1), "must be at least 00:00:01");
        Require(context, "maxConcurrentOrchestratorFunctions", options.MaxConcurrentOrchestratorFunctions is null or >= 1, "must be at least 1");
        Require(context, "maxConcurrentActivityFunctions", options.MaxConcurrentActivityFunctions is null or >= 1, "must be at least 1");
        Require(context, "extendedSessionIdleTimeoutInSeconds", options.ExtendedSessionIdleTimeoutInSeconds is null or >= 1, "must be at least 1");
    }

    private static void Require(StorageProviderContext context, string relativeKey, bool valid, string rule)
    {
        if (!valid)
        {
            throw new StoreConfigurationException($"'{context.Key(relativeKey)}' {rule}.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubName();
}
