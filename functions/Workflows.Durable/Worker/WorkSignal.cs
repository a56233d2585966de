namespace Workflows.Durable.Worker;

/// <summary>An auto-reset signal that remembers a set made while nobody waited.</summary>
internal sealed class WorkSignal
{
    private readonly object gate = new();
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool pending;

    public void Set()
    {
        lock (this.gate)
        {
            this.pending = true;
            this.next.TrySetResult();
        }
    }

    /// <summary>A task that completes at the next set, or at once if one happened since the last wait.</summary>
    public Task WaitAsync()
    {
        lock (this.gate)
        {
            if (this.pending)
            {
                this.pending = false;
                return Task.CompletedTask;
            }

            if (this.next.Task.IsCompleted)
            {
                this.next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return this.next.Task;
        }
    }

    /// <summary>Clears a pending set, before a poll that will see the work anyway.</summary>
    public void Reset()
    {
        lock (this.gate)
        {
            this.pending = false;
        }
    }
}
