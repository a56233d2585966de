namespace Workflows.DurableTask.CrashHost;

/// <summary>The input of one generation of a <see cref="WorkloadKind.ContinueAsNew"/> instance.</summary>
/// <param name="Index">The instance's number in the workload.</param>
/// <param name="Generation">Which generation this is, from 0.</param>
/// <param name="Total">The sum of the earlier generations' activity results.</param>
public sealed record GenerationState(int Index, int Generation, long Total);
