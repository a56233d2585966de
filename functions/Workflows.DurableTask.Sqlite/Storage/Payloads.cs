using System.Text;
using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>Payload text is kept in its row up to the inline threshold and in the Payloads table beyond it, so the
/// rows the lock and queue queries scan stay small.</summary>
internal sealed class Payloads
{
    private readonly int threshold;

    public Payloads(int threshold) => this.threshold = threshold;

    /// <summary>The SQL expression for the text of a row with columns <paramref name="column"/> (inline text) and
    /// <paramref name="idColumn"/> (the payload reference).</summary>
    public static string Text(string alias, string column = "Data", string idColumn = "PayloadId") =>
        $"COALESCE({alias}.{column}, (SELECT p.Data FROM Payloads p WHERE p.PayloadId = {alias}.{idColumn}))";

    /// <summary>Deletes a payload row, if there is one.</summary>
    public static void Delete(SqliteConnection connection, SqliteTransaction tx, long? payloadId)
    {
        if (payloadId is long id)
        {
            connection.Execute(tx, "DELETE FROM Payloads WHERE PayloadId = $p", ("$p", id));
        }
    }

    /// <summary>Stores <paramref name="text"/>: inline when small, else as a payload row of the instance.</summary>
    public (string? Inline, long? PayloadId) Write(SqliteConnection connection, SqliteTransaction tx, string instanceId, string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        // Most texts are far below the threshold; counting bytes is only needed near it.
        if (text.Length * 3 <= this.threshold || Encoding.UTF8.GetByteCount(text) <= this.threshold)
        {
            return (text, null);
        }

        long id = connection.ScalarInt64(
            tx,
            "INSERT INTO Payloads (InstanceId, Data) VALUES ($i, $d) RETURNING PayloadId",
            ("$i", instanceId),
            ("$d", text))!.Value;
        return (null, id);
    }
}
