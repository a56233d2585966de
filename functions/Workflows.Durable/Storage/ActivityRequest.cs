namespace Workflows.Durable.Storage;

/// <summary>An activity call for the store to queue.</summary>
/// <param name="TaskId">The id of the TaskScheduled event.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version.</param>
/// <param name="Input">The serialized input.</param>
public sealed record ActivityRequest(int TaskId, string Name, string? Version, string? Input);
