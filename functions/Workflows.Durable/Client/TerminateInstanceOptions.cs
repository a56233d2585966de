namespace Workflows.Durable.Client;

/// <summary>Options of a terminate.</summary>
/// <param name="Output">The output recorded for the terminated instance.</param>
/// <param name="Recursive">Whether running sub-orchestrations are terminated too.</param>
public record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
