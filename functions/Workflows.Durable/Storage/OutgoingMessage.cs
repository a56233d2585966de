namespace Workflows.Durable.Storage;

/// <summary>A message for the store to put in an orchestration's inbox.</summary>
/// <param name="TargetInstanceId">The receiving instance.</param>
/// <param name="Event">The event it carries.</param>
/// <param name="VisibleAt">When it may be processed; now when null (timers set their fire time).</param>
/// <param name="TargetExecutionId">When set, the message is dropped unless the target is still in this execution.</param>
public sealed record OutgoingMessage(string TargetInstanceId, HistoryEvent Event, DateTimeOffset? VisibleAt = null, string? TargetExecutionId = null);
