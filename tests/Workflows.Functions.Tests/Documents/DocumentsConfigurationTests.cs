using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Governance.Documents;
using Workflows.Functions.Tests.Infrastructure;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Documents;

[Collection(AzuriteCollection.Name)]
public sealed class DocumentsConfigurationTests(AzuriteServer azurite)
{
    [Fact]
    public async Task By_default_the_app_stores_documents_in_the_documents_folder_of_the_data_directory()
    {
        await using var factory = new FunctionsAppFactory();
        IDocumentStore store = factory.Services.GetRequiredService<IDocumentStore>();

        await store.SaveAsync("proposals/p-1/decision-record.json", "{}"u8.ToArray(), "application/json", overwrite: false);

        LocalFolderDocumentStore local = Assert.IsType<LocalFolderDocumentStore>(store);
        Assert.Equal(Path.Combine(factory.DataDirectory, "documents"), local.RootDirectory);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "documents", "proposals", "p-1", "decision-record.json" + LocalFolderDocumentStore.FileSuffix)));
        Assert.Same(store, factory.Services.GetRequiredService<IDocumentStore>());
    }

    [Fact]
    public async Task The_AzureBlob_provider_stores_documents_in_the_configured_container()
    {
        string container = $"configured-{Guid.NewGuid():N}";
        await using var factory = new FunctionsAppFactory(settings: new Dictionary<string, string?>
        {
            ["Documents:Provider"] = "azureblob",
            ["Documents:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Documents:AzureBlob:ContainerName"] = container,
        });
        IDocumentStore store = factory.Services.GetRequiredService<IDocumentStore>();

        await store.SaveAsync("proposals/p-1/papers/a.pdf", "%PDF"u8.ToArray(), "application/pdf", overwrite: false);

        Assert.IsType<BlobDocumentStore>(store);
        BlobContainerClient client = BlobDocumentStore.CreateContainerClient(azurite.ConnectionString, container);
        Assert.True((await client.GetBlobClient("proposals/p-1/papers/a.pdf").ExistsAsync()).Value);
        await client.DeleteAsync();
    }

    [Fact]
    public void The_AzureBlob_container_defaults_to_governance()
    {
        DocumentsOptions options = Options(new() { ["Documents:Provider"] = "AzureBlob", ["Documents:AzureBlob:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.Equal("governance", options.AzureBlob.ContainerName);
        Assert.True(options.UsesAzureBlob);
    }

    [Theory]
    [InlineData("Cosmos", null, null, "Documents:Provider must be 'LocalFolder' or 'AzureBlob', but is 'Cosmos'")]
    [InlineData("AzureBlob", null, null, "Documents:AzureBlob:ConnectionString or Documents:AzureBlob:ServiceUri is required when Documents:Provider is 'AzureBlob'")]
    [InlineData("AzureBlob", "UseDevelopmentStorage=true", "Bad_Name", "Documents:AzureBlob:ContainerName must be 3 to 63 lowercase letters")]
    [InlineData("AzureBlob", "UseDevelopmentStorage=true", "double--hyphen", "Documents:AzureBlob:ContainerName must be")]
    [InlineData("AzureBlob", "UseDevelopmentStorage=true", "ab", "Documents:AzureBlob:ContainerName must be")]
    [InlineData("AzureBlob", "AccountKey=s3cr3t-key;nonsense", null, "Documents:AzureBlob:ConnectionString is not a valid Azure Storage connection string")]
    public void Invalid_settings_are_refused_with_a_message_naming_the_key(string provider, string? connectionString, string? container, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Documents:Provider"] = provider,
            ["Documents:AzureBlob:ConnectionString"] = connectionString,
        };
        if (container is not null)
        {
            settings["Documents:AzureBlob:ContainerName"] = container;
        }

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => Options(settings));

        Assert.Contains(exception.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_does_not_start_with_an_unknown_provider()
    {
        OptionsValidationException error = await StartFailure.OfAsync(
            () => new FunctionsAppFactory(settings: new Dictionary<string, string?> { ["Documents:Provider"] = "Dropbox" }));

        Assert.Contains(error.Failures, f => f.Contains("Documents:Provider must be 'LocalFolder' or 'AzureBlob', but is 'Dropbox'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blob_service_address_is_accepted_without_a_connection_string_and_the_store_addresses_its_container()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Documents:Provider"] = "AzureBlob",
            ["Documents:AzureBlob:ServiceUri"] = "https://congressdocs.blob.core.windows.net",
            ["Documents:AzureBlob:ContainerName"] = "documents",
        };
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using ServiceProvider services = new ServiceCollection().AddLogging().AddDocuments(configuration).BuildServiceProvider();

        // Made without signing in: the identity is asked for a token only when a document is read or written.
        var store = Assert.IsType<BlobDocumentStore>(services.GetRequiredService<IDocumentStore>());

        Assert.Equal(new Uri("https://congressdocs.blob.core.windows.net/documents"), store.ContainerUri);
    }

    [Theory]
    [InlineData("http://congressdocs.blob.core.windows.net", null, "Documents:AzureBlob:ServiceUri must be the blob service's https address")]
    [InlineData("https://congressdocs.blob.core.windows.net?sv=2024&sig=s3cr3t", null, "Documents:AzureBlob:ServiceUri must be the blob service's https address without a query")]
    [InlineData("https://congressdocs.blob.core.windows.net", "UseDevelopmentStorage=true", "are both set; set one")]
    public void A_bad_blob_service_address_is_refused_with_a_message_naming_the_key(string serviceUri, string? connectionString, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Documents:Provider"] = "AzureBlob",
            ["Documents:AzureBlob:ServiceUri"] = serviceUri,
            ["Documents:AzureBlob:ConnectionString"] = connectionString,
        };

        OptionsValidationException exception = Assert.Throws<OptionsValidationException>(() => Options(settings));

        Assert.Contains(exception.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", exception.Message, StringComparison.Ordinal);
    }

    private static DocumentsOptions Options(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using ServiceProvider services = new ServiceCollection().AddLogging().AddDocuments(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<DocumentsOptions>>().Value;
    }
}
