using Microsoft.Data.Sqlite;
using Workflows.Functions.Tests.Governance;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.SharedState;

public sealed class SqliteEmailLedgerTests : EmailLedgerContract, IDisposable
{
    private readonly TemporaryFolder folder = new();

    private string FilePath => Path.Combine(this.folder.Path, "data", SqliteEmailLedger.FileName);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        this.folder.Dispose();
    }

    [Fact]
    public async Task A_key_recorded_by_the_ledger_before_claims_existed_stays_sent()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(this.FilePath)!);
        await using (var connection = new SqliteConnection($"Data Source={this.FilePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE sent_email (idempotency_key TEXT NOT NULL PRIMARY KEY, sent_at TEXT NOT NULL);
                INSERT INTO sent_email VALUES ('approval/old/alice', '2026-11-30T10:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        EmailLedgerClaim claim = await this.CreateLedger().TryClaimAsync("approval/old/alice", TimeSpan.FromMinutes(5), default);

        Assert.Equal(EmailLedgerClaimOutcome.AlreadySent, claim.Outcome);
    }

    protected override IEmailLedger CreateLedger() => new SqliteEmailLedger(this.FilePath, this.Clock);
}
