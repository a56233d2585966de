using Azure.Data.Tables;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.SharedState;

[Collection(AzuriteTablesCollection.Name)]
public sealed class TableEmailLedgerTests(AzuriteTablesFixture azurite) : EmailLedgerContract, IAsyncLifetime
{
    private readonly TableClient table = azurite.NewTable();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await this.table.DeleteAsync();

    protected override IEmailLedger CreateLedger() => new TableEmailLedger(new TableClient(azurite.ConnectionString, this.table.Name), this.Clock);
}
