using DurableTask.Core;

namespace Workflows.DurableTask.Hosting;

/// <summary>The orchestration service of one named worker/client pair, as registered by
/// <see cref="OrchestrationServiceBuilderExtensions"/>; the last factory registered for a name is the one used.</summary>
internal sealed class OrchestrationServiceRegistration(string name, Func<IServiceProvider, IOrchestrationService> factory)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, IOrchestrationService> Factory { get; set; } = factory;
}
