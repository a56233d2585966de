namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>SQLite with extended sessions off: every episode replays the whole history.</summary>
public sealed class SqliteReplayScenarioProvider : SqliteScenarioProvider
{
    protected override bool ExtendedSessions => false;
}
