namespace Workflows.Durable.Storage;

/// <summary>A worker tried to commit work whose lock it no longer holds; its result was rejected and nothing changed.</summary>
public sealed class LockLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LockLostException(string message)
        : base(message)
    {
    }
}
