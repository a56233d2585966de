using Azure.Data.Tables;
using Workflows.Governance.Approvals;

namespace Workflows.Functions.Tests.SharedState;

[Collection(AzuriteTablesCollection.Name)]
public sealed class TableRaisedDecisionLedgerTests(AzuriteTablesFixture azurite) : RaisedDecisionLedgerContract, IAsyncLifetime
{
    private readonly TableClient table = azurite.NewTable();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await this.table.DeleteAsync();

    protected override IRaisedDecisionLedger CreateLedger() =>
        new TableRaisedDecisionLedger(new TableClient(azurite.ConnectionString, this.table.Name), this.Clock, Lifetimes);
}
