namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestration scenarios on the SQLite provider with extended sessions off (full replay each episode).</summary>
public sealed class SqliteReplayScenarios(SqliteReplayScenarioProvider provider)
    : OrchestrationScenarios(provider), IClassFixture<SqliteReplayScenarioProvider>
{
    protected override bool CanRewind => true;
}
