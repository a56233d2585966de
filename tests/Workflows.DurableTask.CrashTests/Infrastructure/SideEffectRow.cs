namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>How often one activity task (instance, activity, input) ran, and in which processes.</summary>
public sealed record SideEffectRow(string InstanceId, string Name, string Key, int Executions, IReadOnlyList<long> ProcessIds);
