using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Workflows.DurableTask.AzureStorage;
using Workflows.DurableTask.Configuration;

namespace Workflows.DurableTask.Tests.Configuration;

/// <summary>host.json's Azure Storage settings, under their Durable Functions names, over this service's defaults.</summary>
public sealed class AzureStorageSettingsTests
{
    [Fact]
    public void Unset_settings_keep_the_service_defaults_not_DurableTask_AzureStorage_ones()
    {
        AzureStorageOrchestrationServiceSettings settings = AzureStorageDefaults.CreateSettings("UseDevelopmentStorage=true");
        var untouched = new AzureStorageOrchestrationServiceSettings();

        AzureStorageProviderFactory.Apply(new DurableTaskOptions(), settings);

        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.WorkItemQueueVisibilityTimeout);
        Assert.NotEqual(untouched.MaxQueuePollingInterval, settings.MaxQueuePollingInterval);
        Assert.NotEqual(untouched.ControlQueueVisibilityTimeout, settings.ControlQueueVisibilityTimeout);
        Assert.Equal("Workflows", settings.TaskHubName);
        Assert.Equal(untouched.PartitionCount, settings.PartitionCount);
    }

    [Fact]
    public void Worker_id_tells_two_processes_of_one_machine_apart_unless_configured()
    {
        var untouched = new AzureStorageOrchestrationServiceSettings();
        AzureStorageOrchestrationServiceSettings settings = AzureStorageDefaults.CreateSettings("UseDevelopmentStorage=true");

        Assert.Equal(Environment.MachineName, untouched.WorkerId);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", settings.WorkerId);

        AzureStorageProviderFactory.Apply(new DurableTaskOptions(), settings);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", settings.WorkerId);
    }

    [Fact]
    public void Host_json_names_reach_the_settings()
    {
        IConfiguration configuration = ProviderSelectionTests.Configure(
            ("hubName", "Assembly"),
            ("storageProvider:partitionCount", "2"),
            ("storageProvider:maxQueuePollingInterval", "00:00:05"),
            ("storageProvider:controlQueueVisibilityTimeout", "00:02:00"),
            ("storageProvider:workItemQueueVisibilityTimeout", "00:03:00"),
            ("storageProvider:controlQueueBatchSize", "16"),
            ("storageProvider:controlQueueBufferThreshold", "64"),
            ("storageProvider:useTablePartitionManagement", "true"),
            ("maxConcurrentOrchestratorFunctions", "7"),
            ("maxConcurrentActivityFunctions", "9"),
            ("extendedSessionsEnabled", "true"),
            ("extendedSessionIdleTimeoutInSeconds", "45"));
        var options = new DurableTaskOptions();
        configuration.GetSection(DurableTaskOptions.SectionName).Bind(options);
        AzureStorageOrchestrationServiceSettings settings = AzureStorageDefaults.CreateSettings("UseDevelopmentStorage=true");

        AzureStorageProviderFactory.Apply(options, settings);

        Assert.Equal("Assembly", settings.TaskHubName);
        Assert.Equal(2, settings.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(16, settings.ControlQueueBatchSize);
        Assert.Equal(64, settings.ControlQueueBufferThreshold);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.Equal(7, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(9, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.ExtendedSessionIdleTimeout);
    }

    [Fact]
    public void Identity_based_connection_uses_the_account_endpoints_or_the_given_ones()
    {
        IConfiguration configuration = ProviderSelectionTests.Configure(
            ("!Storage:accountName", "governance"),
            ("!Storage:queueServiceUri", "https://queues.example.org/governance"));

        StorageAccountClientProvider storage = IdentityStorageConnection.Create(configuration.GetSection("Storage"));

        Assert.Equal(new Uri("https://governance.blob.core.windows.net"), storage.Blob.CreateClient(storage.Blob.CreateOptions()).Uri);
        Assert.Equal(new Uri("https://queues.example.org/governance"), storage.Queue.CreateClient(storage.Queue.CreateOptions()).Uri);
        Assert.Equal(new Uri("https://governance.table.core.windows.net"), storage.Table.CreateClient(storage.Table.CreateOptions()).Uri);
    }

    [Fact]
    public void Identity_based_connection_with_a_bad_address_names_the_setting()
    {
        IConfiguration configuration = ProviderSelectionTests.Configure(("!Storage:accountName", "governance"), ("!Storage:blobServiceUri", "not an address"));

        var failure = Assert.Throws<Workflows.DurableTask.Hosting.StoreConfigurationException>(() => IdentityStorageConnection.Create(configuration.GetSection("Storage")));

        Assert.Contains("'Storage__blobServiceUri'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseDevelopmentStorage_means_Azurite_on_its_default_ports()
    {
        AzureStorageOrchestrationServiceSettings settings = AzureStorageDefaults.CreateSettings("UseDevelopmentStorage=true");

        QueueServiceClient queues = settings.StorageAccountClientProvider!.Queue.CreateClient(settings.StorageAccountClientProvider.Queue.CreateOptions());
        Azure.Storage.Blobs.BlobServiceClient blobs = settings.StorageAccountClientProvider.Blob.CreateClient(settings.StorageAccountClientProvider.Blob.CreateOptions());
        Azure.Data.Tables.TableServiceClient tables = settings.StorageAccountClientProvider.Table.CreateClient(settings.StorageAccountClientProvider.Table.CreateOptions());

        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), blobs.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), tables.Uri);
    }
}
