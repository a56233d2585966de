namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>The lock a client's create gives the new instance for a slot of this process's orchestration dispatcher
/// reserved beforehand; the create fills in the row and payload row of the start message.</summary>
internal sealed class PrelockedInstance(string token, DateTime until)
{
    public string Token { get; } = token;

    public DateTime Until { get; } = until;

    public long SequenceNumber { get; set; }

    public long? PayloadId { get; set; }
}
