using Microsoft.Data.Sqlite;
using Workflows.Functions.Tests.Governance;
using Workflows.Governance.Dashboard;

namespace Workflows.Functions.Tests.SharedState;

public sealed class SqliteSignInFailureStoreTests : SignInFailureStoreContract, IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        this.folder.Dispose();
    }

    protected override ISignInFailureStore CreateStore() =>
        new SqliteSignInFailureStore(Path.Combine(this.folder.Path, SqliteSignInFailureStore.FileName), this.Clock, Window);
}
