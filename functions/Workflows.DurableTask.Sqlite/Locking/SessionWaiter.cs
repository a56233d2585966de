using System.Collections.Concurrent;
using DurableTask.Core;

namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>An extended session of this process waiting for its instance's next messages: woken by this process's
/// writes to that instance, and handed the activity results this process committed for it, so they need no read.
/// One waiter lives for one fetch; whatever its inbox still holds when the fetch ends is in the store too.</summary>
internal sealed class SessionWaiter
{
    private readonly ConcurrentQueue<DeliveredMessage> inbox = new();

    public WakeSignal Wake { get; } = new();

    public bool HasDeliveries => !this.inbox.IsEmpty;

    /// <summary>Hands over a committed message and wakes the session.</summary>
    public void Deliver(DeliveredMessage message)
    {
        this.inbox.Enqueue(message);
        this.Wake.Set();
    }

    /// <summary>Everything delivered so far, oldest first.</summary>
    public List<DeliveredMessage> TakeDeliveries()
    {
        var taken = new List<DeliveredMessage>();
        while (this.inbox.TryDequeue(out DeliveredMessage? next))
        {
            taken.Add(next);
        }

        taken.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
        return taken;
    }
}
