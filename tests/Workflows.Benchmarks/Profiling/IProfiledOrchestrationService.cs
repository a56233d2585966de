using DurableTask.Core;
using DurableTask.Core.Query;

namespace Workflows.Benchmarks.Profiling;

/// <summary>Everything the host's worker and client call on a provider, as one interface, so that one proxy can stand
/// in for the service (<see cref="ProfilingProxy"/>).</summary>
public interface IProfiledOrchestrationService :
    IOrchestrationService,
    IOrchestrationServiceClient,
    IOrchestrationServiceQueryClient,
    IOrchestrationServicePurgeClient;
