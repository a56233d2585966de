namespace Workflows.Durable;

/// <summary>The orchestrator's code, replayed against its history, did something other than what the history records.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }
}
