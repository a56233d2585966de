namespace Workflows.Durable.Storage;

/// <summary>A message in an orchestration's inbox.</summary>
/// <param name="SequenceNumber">The store's id of the message, in arrival order.</param>
/// <param name="Event">The event it carries.</param>
public sealed record InboxMessage(long SequenceNumber, HistoryEvent Event);
