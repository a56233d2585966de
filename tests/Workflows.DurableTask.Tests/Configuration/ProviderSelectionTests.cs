using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Configuration;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Configuration;

/// <summary>host.json's <c>storageProvider.type</c> chooses the provider; bad settings stop the start with a message
/// that names the key and never quotes a connection string.</summary>
public sealed class ProviderSelectionTests
{
    private const string Section = "AzureFunctionsJobHost:extensions:durableTask";
    private static readonly string Secret = AzuriteServer.BuildConnectionString(10000, 10001, 10002);

    [Fact]
    public void With_nothing_set_the_sqlite_provider_is_asked_with_the_defaults()
    {
        var sqlite = new RecordingStorageProviderFactory("sqlite");
        var services = new ServiceCollection().AddDurableTaskStorageProvider(sqlite);

        services.AddDurableTaskFromConfiguration(Configure(), _ => { });

        StorageProviderContext context = Assert.Single(sqlite.Contexts);
        Assert.Equal("Workflows", context.Options.HubName);
        Assert.Null(context.Options.StorageProvider.Type);
        Assert.Equal($"{Section}:storageProvider:connectionStringName", context.Key("storageProvider:connectionStringName"));
        Assert.Equal(Microsoft.Extensions.Options.Options.DefaultName, context.Worker.Name);
        Assert.Same(services, context.Client.Services);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("sqlite")]
    public void Type_is_matched_without_regard_to_case(string type)
    {
        var sqlite = new RecordingStorageProviderFactory("sqlite");
        var services = new ServiceCollection().AddDurableTaskStorageProvider(sqlite);

        services.AddDurableTaskFromConfiguration(Configure(("storageProvider:type", type), ("storageProvider:connectionStringName", "Store")), _ => { });

        Assert.Equal("Store", Assert.Single(sqlite.Contexts).Options.StorageProvider.ConnectionStringName);
    }

    [Fact]
    public void Azure_storage_is_built_in_and_takes_its_connection_from_AzureWebJobsStorage_by_default()
    {
        var sqlite = new RecordingStorageProviderFactory("sqlite");
        var services = new ServiceCollection().AddLogging().AddDurableTaskStorageProvider(sqlite);
        IConfiguration configuration = Configure(("storageProvider:type", "azurestorage"), ("hubName", "Congress"));
        var withConnection = new ConfigurationBuilder().AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Secret }).Build();

        services.AddDurableTaskFromConfiguration(withConnection, _ => { });

        Assert.Empty(sqlite.Contexts);
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.IsType<AzureStorageOrchestrationService>(provider.GetRequiredKeyedService<OrchestrationServiceHandle>(Options.DefaultName).Service);
        Assert.Equal(
            $"{Section}:storageProvider:connectionName",
            provider.GetRequiredService<IOptionsMonitor<OrchestrationServiceStartupOptions>>().Get(Options.DefaultName).ConfigurationKey);
    }

    [Fact]
    public void Unknown_type_stops_the_start_naming_the_key_and_the_known_types()
    {
        IConfiguration configuration = Configure(("storageProvider:type", "Netherite"));

        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(
            () => new ServiceCollection().AddDurableTaskFromConfiguration(configuration, _ => { }));

        Assert.Contains($"'{Section}:storageProvider:type'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Netherite'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AzureStorage", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_without_its_provider_registered_says_where_it_comes_from()
    {
        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(
            () => new ServiceCollection().AddDurableTaskFromConfiguration(Configure(), _ => { }));

        Assert.Contains("'sqlite'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Workflows.DurableTask.Sqlite", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_azure_storage_connection_names_the_setting_and_the_key()
    {
        IConfiguration configuration = Configure(("storageProvider:type", "AzureStorage"), ("storageProvider:connectionName", "GovernanceStorage"));

        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(
            () => new ServiceCollection().AddDurableTaskFromConfiguration(configuration, _ => { }));

        Assert.Contains("'GovernanceStorage'", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"'{Section}:storageProvider:connectionName'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_connection_string_stops_the_start_without_quoting_it()
    {
        const string malformed = "DefaultEndpointsProtocol=https;AccountName=governance;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;BlobEndpoint=not a uri";
        IConfiguration configuration = Configure(("storageProvider:type", "AzureStorage"), ("!AzureWebJobsStorage", malformed));
        var services = new ServiceCollection().AddLogging();
        services.AddDurableTaskFromConfiguration(configuration, _ => { });
        using ServiceProvider provider = services.BuildServiceProvider();
        OrchestrationServiceHandle handle = provider.GetRequiredKeyedService<OrchestrationServiceHandle>(Options.DefaultName);

        StoreConfigurationException failure = await Assert.ThrowsAsync<StoreConfigurationException>(() => handle.GetReadyAsync(CancellationToken.None));

        Assert.Contains($"'{Section}:storageProvider:connectionName'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS12YWx1ZQ==", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_based_connection_is_read_from_its_section()
    {
        IConfiguration configuration = Configure(
            ("storageProvider:type", "AzureStorage"),
            ("storageProvider:connectionName", "Storage"),
            ("!Storage:accountName", "governance"),
            ("!Storage:credential", "managedidentity"));
        var services = new ServiceCollection().AddLogging();

        services.AddDurableTaskFromConfiguration(configuration, _ => { });

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.IsType<AzureStorageOrchestrationService>(provider.GetRequiredKeyedService<OrchestrationServiceHandle>(Options.DefaultName).Service);
    }

    [Fact]
    public void Identity_based_connection_without_an_account_names_the_settings_to_add()
    {
        IConfiguration configuration = Configure(
            ("storageProvider:type", "AzureStorage"),
            ("storageProvider:connectionName", "Storage"),
            ("!Storage:credential", "managedidentity"));

        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(
            () => new ServiceCollection().AddDurableTaskFromConfiguration(configuration, _ => { }));

        Assert.Contains("'Storage__accountName'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hubName", "no")]
    [InlineData("hubName", "has-dash")]
    [InlineData("storageProvider:partitionCount", "0")]
    [InlineData("storageProvider:partitionCount", "17")]
    [InlineData("storageProvider:controlQueueBatchSize", "33")]
    [InlineData("maxConcurrentActivityFunctions", "0")]
    [InlineData("storageProvider:maxQueuePollingInterval", "00:00:00")]
    public void Out_of_range_azure_storage_setting_names_its_key_and_not_the_connection(string key, string value)
    {
        IConfiguration configuration = Configure(("storageProvider:type", "AzureStorage"), (key, value), ("!AzureWebJobsStorage", Secret));

        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(
            () => new ServiceCollection().AddDurableTaskFromConfiguration(configuration, _ => { }));

        Assert.Contains($"'{Section}:{key}'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_value_names_the_section_without_the_connection()
    {
        IConfiguration configuration = Configure(("storageProvider:type", "AzureStorage"), ("storageProvider:partitionCount", "four"), ("!AzureWebJobsStorage", Secret));

        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(
            () => new ServiceCollection().AddDurableTaskFromConfiguration(configuration, _ => { }));

        Assert.Contains("partitionCount", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AzuriteServer.AccountKey, failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Configuration with keys below the durableTask section, or at the root when they start with '!'.</summary>
    internal static IConfiguration Configure(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key.StartsWith('!') ? s.Key[1..] : $"{Section}:{s.Key}", s => (string?)s.Value))
            .Build();
}
