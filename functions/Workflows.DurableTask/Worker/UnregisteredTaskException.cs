namespace Workflows.DurableTask.Worker;

/// <summary>An orchestration or activity was dispatched under a name no task is registered for. It fails that
/// orchestration or activity (with this message in its failure details) rather than leaving it to be retried.</summary>
public sealed class UnregisteredTaskException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that names the missing task.</summary>
    public UnregisteredTaskException(string message)
        : base(message)
    {
    }
}
