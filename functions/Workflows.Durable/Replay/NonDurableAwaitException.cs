namespace Workflows.Durable;

/// <summary>The orchestrator awaited something that is not a durable task, such as Task.Delay, Task.Run or I/O.</summary>
public sealed class NonDurableAwaitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDurableAwaitException(string message)
        : base(message)
    {
    }
}
