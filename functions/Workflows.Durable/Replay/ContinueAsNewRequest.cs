namespace Workflows.Durable.Replay;

/// <summary>An orchestrator's request to restart with a new input once its code returns.</summary>
internal sealed record ContinueAsNewRequest(string? NewInput, bool PreserveUnprocessedEvents, string? NewVersion);
