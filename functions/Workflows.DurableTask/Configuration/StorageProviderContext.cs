using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Workflows.DurableTask.Hosting;

namespace Workflows.DurableTask.Configuration;

/// <summary>What a <see cref="IStorageProviderFactory"/> configures and reads.</summary>
public sealed class StorageProviderContext
{
    internal StorageProviderContext(
        DurableTaskOptions options, IConfiguration configuration, string sectionPath, IDurableTaskWorkerBuilder worker, IDurableTaskClientBuilder client)
    {
        this.Options = options;
        this.Configuration = configuration;
        this.SectionPath = sectionPath;
        this.Worker = worker;
        this.Client = client;
    }

    /// <summary>The bound <c>extensions.durableTask</c> settings.</summary>
    public DurableTaskOptions Options { get; }

    /// <summary>The whole configuration, for connection settings.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Where <see cref="Options"/> was bound from, e.g. <c>AzureFunctionsJobHost:extensions:durableTask</c>.</summary>
    public string SectionPath { get; }

    /// <summary>The worker to configure.</summary>
    public IDurableTaskWorkerBuilder Worker { get; }

    /// <summary>The client to configure.</summary>
    public IDurableTaskClientBuilder Client { get; }

    /// <summary>The full configuration key of a setting below <see cref="SectionPath"/>, e.g.
    /// <c>Key("storageProvider:connectionName")</c>, for error messages.</summary>
    public string Key(string relativeKey) => $"{this.SectionPath}:{relativeKey}";

    /// <summary>The connection setting called <paramref name="name"/>, looked up as Functions does (see
    /// <see cref="ConnectionSetting.Find"/>), or null when there is none.</summary>
    public ConnectionSetting? FindConnection(string name) => ConnectionSetting.Find(this.Configuration, name);

    /// <summary>Names the configuration key of the store in start-up errors (e.g. an unreachable store).</summary>
    public void DescribeStoreAs(string configurationKey)
    {
        string name = this.Worker.Name;
        Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<OrchestrationServiceStartupOptions>(
            this.Worker.Services, name, o => o.ConfigurationKey = configurationKey);
    }
}
