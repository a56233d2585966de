namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>A custom status the scenarios set and read back.</summary>
public sealed record StageStatus(string Stage, int Step);
