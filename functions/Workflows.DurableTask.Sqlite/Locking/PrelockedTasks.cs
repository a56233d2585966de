namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>The lock a checkpoint gives the first <see cref="Count"/> tasks it schedules, for slots of this process's
/// activity dispatcher reserved beforehand: those tasks are written locked and handed out from memory, without a
/// claim. The checkpoint fills in their sequence numbers.</summary>
internal sealed class PrelockedTasks
{
    /// <summary>No task is locked in advance.</summary>
    public static readonly PrelockedTasks None = new(0, string.Empty, DateTime.MinValue);

    public PrelockedTasks(int count, string token, DateTime until)
    {
        this.Token = token;
        this.Until = until;
        this.SequenceNumbers = new long[count];
    }

    public int Count => this.SequenceNumbers.Length;

    public string Token { get; }

    public DateTime Until { get; }

    public long[] SequenceNumbers { get; }
}
