namespace Workflows.Durable.Client;

/// <summary>Options of a purge.</summary>
/// <param name="Recursive">Whether finished sub-orchestrations are purged too.</param>
public record PurgeInstanceOptions(bool Recursive = false);
