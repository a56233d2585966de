using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Hosting;
using Workflows.Functions.Tests.Governance;
using Workflows.Governance.Approvals;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Email;
using Workflows.Governance.Http;
using Workflows.Governance.KeyRing;
using Workflows.Governance.Storage;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>Which implementation of each shared-state port a host's choice puts in its services.</summary>
public sealed class SharedStateRegistrationTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        this.folder.Dispose();
    }

    [Fact]
    public void The_local_choice_keeps_everything_under_the_data_directory()
    {
        using ServiceProvider services = Build(new() { [DataDirectory.Key] = this.folder.Path }, s => s.AddLocalSharedState(Configuration(new() { [DataDirectory.Key] = this.folder.Path })));

        Assert.IsType<SqliteEmailLedger>(services.GetRequiredService<IEmailLedger>());
        Assert.IsType<SqliteRaisedDecisionLedger>(services.GetRequiredService<IRaisedDecisionLedger>());
        Assert.IsType<SqliteSignInFailureStore>(services.GetRequiredService<ISignInFailureStore>());
        var keys = Assert.IsType<FileSystemXmlRepository>(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.Equal(Path.Combine(this.folder.Path, "keys"), keys.Directory.FullName);
    }

    [Fact]
    public void Without_a_choice_the_governance_workflows_fall_back_to_the_local_one()
    {
        using ServiceProvider services = Build(new() { [DataDirectory.Key] = this.folder.Path }, _ => { });

        Assert.IsType<SqliteEmailLedger>(services.GetRequiredService<IEmailLedger>());
        Assert.IsType<FileSystemXmlRepository>(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_azure_storage_choice_puts_everything_in_the_account_whether_made_before_or_after_the_workflows(bool before)
    {
        Dictionary<string, string?> settings = new() { [DataDirectory.Key] = this.folder.Path, [AzureStorageConnection.SettingName] = "UseDevelopmentStorage=true" };
        IConfiguration configuration = Configuration(settings);
        using ServiceProvider services = Build(settings, s => s.AddAzureStorageSharedState(configuration), before);

        Assert.IsType<TableEmailLedger>(services.GetRequiredService<IEmailLedger>());
        Assert.IsType<TableRaisedDecisionLedger>(services.GetRequiredService<IRaisedDecisionLedger>());
        Assert.IsType<TableSignInFailureStore>(services.GetRequiredService<ISignInFailureStore>());
        var ring = Assert.IsType<BlobXmlRepository>(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.EndsWith("/governance-keys/keys.xml", ring.BlobUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(this.folder.Path, "keys")));
    }

    [Fact]
    public void An_identity_based_connection_names_the_account_from_its_account_name()
    {
        Dictionary<string, string?> settings = new() { [DataDirectory.Key] = this.folder.Path, ["AzureWebJobsStorage:accountName"] = "govstore" };
        IConfiguration configuration = Configuration(settings);
        using ServiceProvider services = Build(settings, s => s.AddAzureStorageSharedState(configuration));

        var ring = Assert.IsType<BlobXmlRepository>(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.Equal("https://govstore.blob.core.windows.net/governance-keys/keys.xml", ring.BlobUri.AbsoluteUri);
    }

    [Fact]
    public void Without_AzureWebJobsStorage_the_azure_storage_choice_fails_naming_the_setting()
    {
        Dictionary<string, string?> settings = new() { [DataDirectory.Key] = this.folder.Path };
        IConfiguration configuration = Configuration(settings);
        using ServiceProvider services = Build(settings, s => s.AddAzureStorageSharedState(configuration));

        StoreConfigurationException failure = Assert.Throws<StoreConfigurationException>(() => services.GetRequiredService<IEmailLedger>());

        Assert.Contains("'AzureWebJobsStorage'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection> choose, bool chooseFirst = true)
    {
        IConfiguration configuration = Configuration(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        if (chooseFirst)
        {
            choose(services);
        }

        services.AddGovernanceWorkflows(configuration);
        if (!chooseFirst)
        {
            choose(services);
        }

        return services.BuildServiceProvider();
    }
}
