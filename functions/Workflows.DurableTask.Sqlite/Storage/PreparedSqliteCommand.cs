using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>A command kept prepared on the writer connection and reused for every execution of the same SQL, so hot
/// statements are parsed once. Disposing it at a call site keeps it prepared; <see cref="Release"/> disposes it.</summary>
internal sealed class PreparedSqliteCommand : SqliteCommand
{
    private bool released;

    public void Release()
    {
        this.released = true;
        this.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (this.released)
        {
            base.Dispose(disposing);
        }
    }
}
