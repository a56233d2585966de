namespace Workflows.DurableTask.Hosting;

/// <summary>How start-up names the store when it cannot be opened (named options, per worker/client name).</summary>
public sealed class OrchestrationServiceStartupOptions
{
    /// <summary>Where the store was configured, e.g. <c>extensions:durableTask:storageProvider:connectionName</c>; quoted
    /// in start-up errors so an operator knows which setting to fix. Never a connection string.</summary>
    public string? ConfigurationKey { get; set; }
}
