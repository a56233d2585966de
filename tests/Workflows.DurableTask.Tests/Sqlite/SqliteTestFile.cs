namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>A temporary SQLite database file (with its WAL and shared-memory files), deleted on dispose.</summary>
public sealed class SqliteTestFile : IDisposable
{
    public SqliteTestFile()
    {
        this.Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dt-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(this.Folder);
        this.Path = System.IO.Path.Combine(this.Folder, "taskhub.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public string ConnectionString => $"Data Source={this.Path}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.Folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing may hold the file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
