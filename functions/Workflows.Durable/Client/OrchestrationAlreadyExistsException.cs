namespace Workflows.Durable.Client;

/// <summary>Thrown when starting an instance whose id is taken by an instance in one of the dedupe statuses.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
    }
}
