using System.Xml.Linq;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Governance.Documents;
using Workflows.Governance.KeyRing;
using Workflows.Governance.Storage;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>The Function App's Data Protection key ring in a blob, on a real Azurite: what one instance stores, another
/// reads, and a token one instance protects, another unprotects.</summary>
[Collection(AzuriteTablesCollection.Name)]
public sealed class BlobXmlRepositoryTests(AzuriteTablesFixture azurite) : IAsyncLifetime
{
    private readonly string containerName = $"keys-{Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await this.Container().DeleteIfExistsAsync();

    [Fact]
    public void A_repository_over_an_empty_container_has_no_elements()
    {
        Assert.Empty(new BlobXmlRepository(this.Container()).GetAllElements());
    }

    [Fact]
    public void Elements_stored_by_one_instance_are_read_by_another_in_the_order_stored()
    {
        var first = new BlobXmlRepository(this.Container());
        first.StoreElement(Key("a"), "a");
        new BlobXmlRepository(this.Container()).StoreElement(Key("b"), "b");

        IReadOnlyCollection<XElement> read = new BlobXmlRepository(this.Container()).GetAllElements();

        Assert.Equal(["a", "b"], read.Select(e => (string?)e.Attribute("id")));
    }

    [Fact]
    public async Task Elements_stored_by_instances_racing_are_all_kept()
    {
        BlobXmlRepository[] instances = [new(this.Container()), new(this.Container()), new(this.Container())];

        await Task.WhenAll(Enumerable.Range(0, 15).Select(i => Task.Run(() => instances[i % 3].StoreElement(Key($"k{i}"), $"k{i}"))));

        IReadOnlyCollection<XElement> read = new BlobXmlRepository(this.Container()).GetAllElements();
        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"k{i}").Order(StringComparer.Ordinal), read.Select(e => (string)e.Attribute("id")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_token_protected_on_one_instance_of_the_function_app_is_unprotected_on_another()
    {
        using ServiceProvider one = FunctionAppInstance(azurite.ConnectionString);
        using ServiceProvider two = FunctionAppInstance(azurite.ConnectionString);

        string token = one.GetRequiredService<IDataProtectionProvider>().CreateProtector("approval-links").Protect("p-1/alice/approve");
        string read = two.GetRequiredService<IDataProtectionProvider>().CreateProtector("approval-links").Unprotect(token);

        Assert.Equal("p-1/alice/approve", read);
        var ring = new BlobXmlRepository(BlobDocumentStore.CreateContainerClient(azurite.ConnectionString, SharedStateServiceCollectionExtensions.KeysContainerName));
        Assert.NotEmpty(ring.GetAllElements());
    }

    /// <summary>Data Protection as the Function App registers it, in services of its own (one instance).</summary>
    private static ServiceProvider FunctionAppInstance(string connectionString)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AzureStorageConnection.SettingName] = connectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAzureStorageSharedState(configuration);
        services.AddDataProtection().SetApplicationName("Workflows.Functions");
        return services.BuildServiceProvider();
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id), new XElement("payload", id));

    private BlobContainerClient Container() => BlobDocumentStore.CreateContainerClient(azurite.ConnectionString, this.containerName);
}
