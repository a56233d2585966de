using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Governance.Approvals;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Email;
using Workflows.Governance.KeyRing;

namespace Workflows.Governance.Storage;

/// <summary>Chooses where the state that every process of a host must share is kept: the email ledger
/// (<see cref="IEmailLedger"/>), the raised decisions (<see cref="IRaisedDecisionLedger"/>), the sign-in failures
/// (<see cref="ISignInFailureStore"/>) and the Data Protection key ring. Each host calls one of these in its own
/// configuration code; <c>AddGovernanceWorkflows</c> falls back to the local choice for what no host chose.</summary>
public static class SharedStateServiceCollectionExtensions
{
    /// <summary>The key ring's folder under the data directory.</summary>
    public const string KeysFolderName = "keys";

    /// <summary>The key ring's blob container in the Function App's storage account.</summary>
    public const string KeysContainerName = "governance-keys";

    /// <summary>The self-hosted service's choice: SQLite files under the data directory (<c>email.db</c>,
    /// <c>decisions.db</c>, <c>signin.db</c>), which the processes of one machine can share, and the key ring in
    /// <c>{DataDirectory}/keys</c>. Leaves alone whatever was chosen before.</summary>
    public static IServiceCollection AddLocalSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        TryAddSqliteEmailLedger(services, configuration);
        TryAddSqliteRaisedDecisions(services, configuration);
        TryAddSqliteSignInFailures(services, configuration);
        TryAddLocalKeyRing(services, configuration);
        return services;
    }

    /// <summary>The Function App's choice: tables in the storage account of <c>AzureWebJobsStorage</c>
    /// (<see cref="TableEmailLedger.TableName"/>, <see cref="TableRaisedDecisionLedger.TableName"/>,
    /// <see cref="TableSignInFailureStore.TableName"/>) and the key ring in the blob
    /// <c>governance-keys/keys.xml</c> there, shared by all its instances. Replaces a choice made before.</summary>
    public static IServiceCollection AddAzureStorageSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => AzureStorageConnection.From(configuration));
        services.Replace(ServiceDescriptor.Singleton<IEmailLedger>(sp => new TableEmailLedger(
            sp.GetRequiredService<AzureStorageConnection>().Table(TableEmailLedger.TableName), sp.GetRequiredService<TimeProvider>())));
        services.Replace(ServiceDescriptor.Singleton<IRaisedDecisionLedger>(sp => new TableRaisedDecisionLedger(
            sp.GetRequiredService<AzureStorageConnection>().Table(TableRaisedDecisionLedger.TableName), sp.GetRequiredService<TimeProvider>(), DecisionMarkLifetimes.Default)));
        services.Replace(ServiceDescriptor.Singleton<ISignInFailureStore>(sp => new TableSignInFailureStore(
            sp.GetRequiredService<AzureStorageConnection>().Table(TableSignInFailureStore.TableName), sp.GetRequiredService<TimeProvider>(), SignInThrottle.Window)));
        services.TryAddSingleton(sp => new BlobXmlRepository(sp.GetRequiredService<AzureStorageConnection>().BlobContainer(KeysContainerName)));
        services.AddOptions<KeyManagementOptions>().Configure<BlobXmlRepository>((options, ring) => options.XmlRepository = ring);
        return services;
    }

    /// <summary>The email ledger in <c>{DataDirectory}/email.db</c>, unless one was chosen.</summary>
    internal static void TryAddSqliteEmailLedger(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmailLedger>(sp => new SqliteEmailLedger(
            Path.Combine(DataDirectory.Resolve(configuration), SqliteEmailLedger.FileName), sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The raised decisions in <c>{DataDirectory}/decisions.db</c>, unless a ledger was chosen.</summary>
    internal static void TryAddSqliteRaisedDecisions(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRaisedDecisionLedger>(sp => new SqliteRaisedDecisionLedger(
            Path.Combine(DataDirectory.Resolve(configuration), SqliteRaisedDecisionLedger.FileName), sp.GetRequiredService<TimeProvider>(), DecisionMarkLifetimes.Default));
    }

    /// <summary>The sign-in failures in <c>{DataDirectory}/signin.db</c>, unless a store was chosen.</summary>
    internal static void TryAddSqliteSignInFailures(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISignInFailureStore>(sp => new SqliteSignInFailureStore(
            Path.Combine(DataDirectory.Resolve(configuration), SqliteSignInFailureStore.FileName), sp.GetRequiredService<TimeProvider>(), SignInThrottle.Window));
    }

    /// <summary>The key ring in <c>{DataDirectory}/keys</c> when no other repository was chosen (applied after every
    /// other choice, so the order of the calls does not matter).</summary>
    internal static void TryAddLocalKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var folder = new DirectoryInfo(Path.Combine(DataDirectory.Resolve(configuration), KeysFolderName));
        services.AddOptions<KeyManagementOptions>().PostConfigure<ILoggerFactory>((options, loggers) => options.XmlRepository ??= new FileSystemXmlRepository(folder, loggers));
    }
}
