namespace Workflows.Durable.Replay;

/// <summary>Runs every continuation of an orchestrator on the thread that drives its episode, one at a time, in order.</summary>
/// <remarks>A continuation posted from any other thread means the orchestrator awaited something that is not durable
/// (a delay, a thread-pool task, I/O): it is never run, and the orchestration is failed instead.</remarks>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> queue = new();
    private int ownerThreadId = -1;

    /// <summary>Set once a continuation arrives from a foreign thread.</summary>
    public bool ForeignContinuationSeen { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref this.ownerThreadId))
        {
            this.ForeignContinuationSeen = true;
            return;
        }

        this.queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot send synchronously to its context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Makes the calling thread the owner and installs this context on it.</summary>
    public SynchronizationContext? Enter()
    {
        Volatile.Write(ref this.ownerThreadId, Environment.CurrentManagedThreadId);
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        return previous;
    }

    /// <summary>Releases ownership and restores the previous context.</summary>
    public void Exit(SynchronizationContext? previous)
    {
        Volatile.Write(ref this.ownerThreadId, -1);
        SetSynchronizationContext(previous);
    }

    /// <summary>Runs queued continuations until none are left.</summary>
    public void Drain()
    {
        while (this.queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }
}
