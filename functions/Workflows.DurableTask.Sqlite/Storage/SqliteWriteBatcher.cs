using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>Group commit for the writer connection of one process: writes that arrive while a transaction runs are
/// committed together in the next one, each inside its own savepoint, so one failing write is rolled back alone.</summary>
/// <remarks>The first caller to find the writer free becomes the writer and drains the queue; the others wait for their
/// results. Results are released only after the commit, so nobody acts on an uncommitted write. Transactions begin
/// IMMEDIATE: the file's write lock is taken up front, so writers of other processes queue on the busy timeout instead
/// of deadlocking on a lock upgrade. A batch of one write runs without a savepoint, since rolling back the
/// transaction rolls back just that write.</remarks>
internal sealed class SqliteWriteBatcher
{
    private const int MaxBatch = 256;

    private readonly SqliteConnection connection;
    private readonly Lock gate = new();
    private readonly Queue<IWrite> pending = new();
    private bool writing;

    public SqliteWriteBatcher(SqliteConnection connection)
    {
        this.connection = connection;
    }

    private interface IWrite
    {
        void Run(SqliteConnection connection, SqliteTransaction tx);

        void Complete();

        void Fail(Exception error);
    }

    /// <summary>The number of transactions committed, for tests of the group commit.</summary>
    public long Commits { get; private set; }

    /// <summary>Runs <paramref name="work"/> in a transaction shared with concurrent writes; it must not await.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var write = new Write<T>(work);
        bool lead;
        lock (this.gate)
        {
            this.pending.Enqueue(write);
            lead = !this.writing;
            this.writing = true;
        }

        if (lead)
        {
            // The writer drains on a pool thread so the caller that happened to lead is not held for others' writes
            // (nor for another process's write lock).
            _ = Task.Run(this.Drain);
        }

        return write.Task;
    }

    private void Drain()
    {
        var batch = new List<IWrite>(MaxBatch);
        while (true)
        {
            batch.Clear();
            lock (this.gate)
            {
                while (batch.Count < MaxBatch && this.pending.TryDequeue(out IWrite? next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    this.writing = false;
                    return;
                }
            }

            this.Commit(batch);
        }
    }

    private void Commit(List<IWrite> batch)
    {
        var succeeded = new List<IWrite>(batch.Count);
        try
        {
            using SqliteTransaction tx = this.connection.BeginTransaction(deferred: false);
            if (batch.Count == 1)
            {
                // A lone write needs no savepoint: if it fails, the whole transaction is rolled back with it.
                IWrite only = batch[0];
                try
                {
                    only.Run(this.connection, tx);
                }
                catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: 5 or 6 or 10 or 11 or 13 })
                {
                    tx.Rollback();
                    only.Fail(ex);
                    return;
                }

                succeeded.Add(only);
            }
            else
            {
                // The savepoint statements run as prepared commands of the writer (SqliteTransaction.Save would
                // parse them again for every write).
                foreach (IWrite write in batch)
                {
                    this.connection.Execute(tx, "SAVEPOINT write");
                    try
                    {
                        write.Run(this.connection, tx);
                        this.connection.Execute(tx, "RELEASE write");
                        succeeded.Add(write);
                    }
                    catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: 5 or 6 or 10 or 11 or 13 })
                    {
                        this.connection.Execute(tx, "ROLLBACK TO write");
                        this.connection.Execute(tx, "RELEASE write");
                        write.Fail(ex);
                    }
                }
            }

            tx.Commit();
            this.Commits++;
        }
        catch (Exception ex)
        {
            // The transaction is gone: every write not already failed on its own fails with it (failing twice is a no-op).
            foreach (IWrite write in batch)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (IWrite write in succeeded)
        {
            write.Complete();
        }
    }

    private sealed class Write<T> : IWrite
    {
        private readonly Func<SqliteConnection, SqliteTransaction, T> work;
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Write(Func<SqliteConnection, SqliteTransaction, T> work) => this.work = work;

        public Task<T> Task => this.completion.Task;

        public void Run(SqliteConnection connection, SqliteTransaction tx) => this.result = this.work(connection, tx);

        public void Complete() => this.completion.TrySetResult(this.result!);

        public void Fail(Exception error) => this.completion.TrySetException(error);
    }
}
