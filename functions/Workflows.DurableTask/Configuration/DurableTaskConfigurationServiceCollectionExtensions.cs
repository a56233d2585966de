using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.DurableTask.Hosting;

namespace Workflows.DurableTask.Configuration;

/// <summary>The Durable Task worker and client as host.json configures them, on the provider its
/// <c>storageProvider.type</c> names.</summary>
public static partial class DurableTaskConfigurationServiceCollectionExtensions
{
    /// <summary>Makes the provider <paramref name="factory"/> selectable by its <see cref="IStorageProviderFactory.Type"/>
    /// (a later registration of the same type replaces an earlier one). Call it before
    /// <see cref="AddDurableTaskFromConfiguration"/>.</summary>
    public static IServiceCollection AddDurableTaskStorageProvider(this IServiceCollection services, IStorageProviderFactory factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(factory);
        return services;
    }

    /// <summary>Binds <c>extensions:durableTask</c> (at <paramref name="sectionPath"/>) and adds the worker, with
    /// <paramref name="tasks"/>, and the client on the provider it selects: <c>storageProvider.type</c> is <c>sqlite</c>
    /// when not set (its factory comes from Workflows.DurableTask.Sqlite) or <c>AzureStorage</c> (built in), matched
    /// case-insensitively. An unknown type or a missing connection throws <see cref="StoreConfigurationException"/> here,
    /// an unreachable store when the host starts; the messages name the key and never quote a connection string.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration, complete (host.json, local.settings.json, environment).</param>
    /// <param name="tasks">Registers the orchestrators and activities.</param>
    /// <param name="sectionPath">Where the section is; <see cref="DurableTaskOptions.SectionName"/> by default.</param>
    public static IServiceCollection AddDurableTaskFromConfiguration(
        this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> tasks, string sectionPath = DurableTaskOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);

        // The provider decides which services exist, so it is chosen now, from configuration that is complete by now.
        DurableTaskOptions options = Bind(configuration, sectionPath);
        ValidateCommon(options, sectionPath);
        string typeKey = $"{sectionPath}:storageProvider:type";
        string type = string.IsNullOrWhiteSpace(options.StorageProvider.Type) ? StorageProviderOptions.Sqlite : options.StorageProvider.Type.Trim();
        Dictionary<string, IStorageProviderFactory> factories = Factories(services);
        if (!factories.TryGetValue(type, out IStorageProviderFactory? factory))
        {
            throw new StoreConfigurationException(
                $"'{typeKey}' is '{type}', which is not a storage provider this host has; use one of: {string.Join(", ", factories.Keys.Order(StringComparer.OrdinalIgnoreCase))}" +
                (type.Equals(StorageProviderOptions.Sqlite, StringComparison.OrdinalIgnoreCase) ? " (the SQLite provider is added by Workflows.DurableTask.Sqlite)." : "."));
        }

        services.AddOptions<DurableTaskOptions>().Bind(configuration.GetSection(sectionPath));
        IDurableTaskWorkerBuilder worker = services.AddDurableTaskWorker().AddTasks(tasks);
        IDurableTaskClientBuilder client = services.AddDurableTaskClient();
        factory.Configure(new StorageProviderContext(options, configuration, sectionPath, worker, client));
        return services;
    }

    /// <summary>The settings every provider reads; a provider checks its own.</summary>
    private static void ValidateCommon(DurableTaskOptions options, string sectionPath)
    {
        void Require(string key, bool valid, string rule, object? value)
        {
            if (!valid)
            {
                throw new StoreConfigurationException($"'{sectionPath}:{key}' {rule}, but is {value}.");
            }
        }

        // The Durable Functions rule for task hub names, so that a hub valid on one provider stays valid on the other.
        Require("hubName", HubNamePattern().IsMatch(options.HubName ?? string.Empty), "must be 3 to 45 letters and digits, starting with a letter", $"'{options.HubName}'");
        Require("maxConcurrentOrchestratorFunctions", options.MaxConcurrentOrchestratorFunctions is null or >= 1, "must be at least 1", options.MaxConcurrentOrchestratorFunctions);
        Require("maxConcurrentActivityFunctions", options.MaxConcurrentActivityFunctions is null or >= 1, "must be at least 1", options.MaxConcurrentActivityFunctions);
        Require("extendedSessionIdleTimeoutInSeconds", options.ExtendedSessionIdleTimeoutInSeconds is null or >= 1, "must be at least 1", options.ExtendedSessionIdleTimeoutInSeconds);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial System.Text.RegularExpressions.Regex HubNamePattern();

    private static DurableTaskOptions Bind(IConfiguration configuration, string sectionPath)
    {
        var options = new DurableTaskOptions();
        try
        {
            configuration.GetSection(sectionPath).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's message names the key and the value; values here are settings, never connection strings.
            throw new StoreConfigurationException($"'{sectionPath}' could not be read: {exception.Message}", exception);
        }

        return options;
    }

    private static Dictionary<string, IStorageProviderFactory> Factories(IServiceCollection services)
    {
        var factories = new Dictionary<string, IStorageProviderFactory>(StringComparer.OrdinalIgnoreCase);
        var builtIn = new AzureStorageProviderFactory();
        factories[builtIn.Type] = builtIn;
        foreach (IStorageProviderFactory registered in services
            .Where(d => d.ServiceType == typeof(IStorageProviderFactory) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance)
            .OfType<IStorageProviderFactory>())
        {
            factories[registered.Type] = registered;
        }

        return factories;
    }
}
