using System.Collections.Concurrent;

namespace Workflows.Governance.Approvals;

/// <summary>Lets one confirmation at a time act for a participant of a workflow, and remembers the decisions raised
/// that the workflow has not yet been seen to record, so that a double click, a reused link or a deputy confirming at
/// the same moment as the approver never raises a second decision event.</summary>
/// <remarks>A second event would not be harmless: the proposal's next stage waits for the same event name, and would
/// take a leftover committee decision as the congress's. The gate works within this process.</remarks>
internal sealed class ApprovalDecisionGate
{
    private readonly Dictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> raised = new(StringComparer.Ordinal);

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

    /// <summary>Whether a decision was raised for <paramref name="key"/> and not yet seen recorded.</summary>
    public bool WasRaised(string key) => this.raised.ContainsKey(key);

    /// <summary>Remembers that a decision was raised for <paramref name="key"/>.</summary>
    public void MarkRaised(string key, DateTimeOffset at) => this.raised[key] = at;

    /// <summary>Forgets a raised decision once the workflow no longer waits for it.</summary>
    public void Forget(string key) => this.raised.TryRemove(key, out _);

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
