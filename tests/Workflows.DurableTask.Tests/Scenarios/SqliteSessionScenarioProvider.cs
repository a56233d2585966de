namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>SQLite with extended sessions on (the default).</summary>
public sealed class SqliteSessionScenarioProvider : SqliteScenarioProvider
{
    protected override bool ExtendedSessions => true;
}
