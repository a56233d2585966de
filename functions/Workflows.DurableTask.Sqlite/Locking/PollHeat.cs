namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>Whether the last claim of one kind of work found some. While it did, the next poll tries to claim at once:
/// under load the read that checks for work first would only cost a connection and a lock per claim.</summary>
internal sealed class PollHeat
{
    private volatile bool found;

    /// <summary>True when the last claim took work.</summary>
    public bool Hot => this.found;

    /// <summary>Records whether a claim took work.</summary>
    public void Record(bool tookWork) => this.found = tookWork;
}
