namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestration scenarios on the SQLite provider with extended sessions on.</summary>
public sealed class SqliteSessionScenarios(SqliteSessionScenarioProvider provider)
    : OrchestrationScenarios(provider), IClassFixture<SqliteSessionScenarioProvider>
{
    protected override bool CanRewind => true;
}
