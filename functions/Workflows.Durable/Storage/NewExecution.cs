namespace Workflows.Durable.Storage;

/// <summary>The next execution of an instance that continues as new.</summary>
/// <param name="ExecutionId">The new execution's id.</param>
/// <param name="Input">Its serialized input.</param>
/// <param name="Messages">Its first inbox messages: ExecutionStarted, then carried-over events.</param>
public sealed record NewExecution(string ExecutionId, string? Input, IReadOnlyList<HistoryEvent> Messages);
