using Microsoft.Data.Sqlite;
using Workflows.Functions.Tests.Governance;
using Workflows.Governance.Approvals;

namespace Workflows.Functions.Tests.SharedState;

public sealed class SqliteRaisedDecisionLedgerTests : RaisedDecisionLedgerContract, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        this.folder.Dispose();
    }

    protected override IRaisedDecisionLedger CreateLedger() =>
        new SqliteRaisedDecisionLedger(Path.Combine(this.folder.Path, SqliteRaisedDecisionLedger.FileName), this.Clock, Lifetimes);
}
