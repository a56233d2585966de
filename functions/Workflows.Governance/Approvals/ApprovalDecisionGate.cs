namespace Workflows.Governance.Approvals;

/// <summary>Lets one confirmation at a time act for a participant of a workflow within this process, so that a second
/// one sees the first's outcome rather than racing it; across processes the <see cref="IRaisedDecisionLedger"/> keeps a
/// second decision event from being raised.</summary>
/// <remarks>A second event would not be harmless: the proposal's next stage waits for the same event name, and would
/// take a leftover committee decision as the congress's.</remarks>
internal sealed class ApprovalDecisionGate
{
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>The key of a grant's participant within its workflow.</summary>
    public static string KeyOf(ApprovalGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.InstanceId + "\n" + grant.ParticipantId;
    }

    /// <summary>Waits for the turn of <paramref name="key"/>; disposing the result ends it.</summary>
    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Slot slot;
        lock (this.slots)
        {
            if (!this.slots.TryGetValue(key, out Slot? existing))
            {
                existing = new Slot();
                this.slots[key] = existing;
            }

            slot = existing;
            slot.Users++;
        }

        try
        {
            await slot.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            this.Leave(key, slot, entered: false);
            throw;
        }

        return new Turn(this, key, slot);
    }

    /// <summary>How long a raised decision's mark keeps other confirmations off once nobody has seen it recorded: far
    /// beyond the time a running workflow takes to record an event, so that only a process that died between marking
    /// and raising (or a workflow stopped for that long) lets the participant confirm again.</summary>
    public static readonly TimeSpan MarkLifetime = TimeSpan.FromHours(1);

    private void Leave(string key, Slot slot, bool entered)
    {
        if (entered)
        {
            slot.Semaphore.Release();
        }

        lock (this.slots)
        {
            if (--slot.Users == 0)
            {
                this.slots.Remove(key);
                slot.Semaphore.Dispose();
            }
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(ApprovalDecisionGate gate, string key, Slot slot) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref this.disposed, 1) == 0)
            {
                gate.Leave(key, slot, entered: true);
            }
        }
    }
}
