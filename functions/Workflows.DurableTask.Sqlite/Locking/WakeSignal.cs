namespace Workflows.DurableTask.Sqlite.Locking;

/// <summary>Wakes this process's pollers when it wrote new work, so local work is picked up at once; work written by
/// other processes is found by polling.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Set"/>; take it before checking for work so no wake-up is missed.</summary>
    public Task Next => Volatile.Read(ref this.next).Task;

    public void Set() => Interlocked.Exchange(ref this.next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="signal"/>, the delay or cancellation, whichever comes first; never throws.
    /// Returns whether the signal came.</summary>
    public static async Task<bool> WaitAsync(Task signal, TimeSpan delay, CancellationToken cancellation)
    {
        if (delay <= TimeSpan.Zero || signal.IsCompleted)
        {
            return signal.IsCompleted;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task wait = Task.Delay(delay, timeout.Token);
        await Task.WhenAny(signal, wait).ConfigureAwait(false);
        await timeout.CancelAsync().ConfigureAwait(false);
        return signal.IsCompleted;
    }
}
