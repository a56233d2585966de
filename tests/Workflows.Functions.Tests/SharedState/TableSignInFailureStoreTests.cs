using Azure.Data.Tables;
using Workflows.Governance.Dashboard;

namespace Workflows.Functions.Tests.SharedState;

[Collection(AzuriteTablesCollection.Name)]
public sealed class TableSignInFailureStoreTests(AzuriteTablesFixture azurite) : SignInFailureStoreContract, IAsyncLifetime
{
    private readonly TableClient table = azurite.NewTable();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await this.table.DeleteAsync();

    protected override ISignInFailureStore CreateStore() =>
        new TableSignInFailureStore(new TableClient(azurite.ConnectionString, this.table.Name), this.Clock, Window);
}
