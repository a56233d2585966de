namespace Workflows.Governance.Approvals;

/// <summary>Lets one confirmation at a time act for a participant of a workflow within this process, so that a second
/// one sees the first's outcome rather than racing it; across processes the <see cref="IRaisedDecisionLedger"/> keeps a
/// second decision event from being raised.</summary>
/// <remarks>A second event would only be noise: each decision names its participant, and a wait for any other one ignores
/// it (see <see cref="Proposals.DecisionEvent.BodyId"/>), so a leftover committee decision is never taken as the
/// congress's. That is what makes it safe for a confirmation to take over a claim whose process died.</remarks>
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
