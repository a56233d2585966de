namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>How often one activity task ran, from the crash host's side-effect table.</summary>
public sealed record SideEffectRow(string InstanceId, int TaskId, string Name, int Executions, IReadOnlyList<long> ProcessIds);
