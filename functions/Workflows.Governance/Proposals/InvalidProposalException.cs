namespace Workflows.Governance.Proposals;

/// <summary>A proposal started with a body that <c>POST /api/proposals</c> would refuse; its message lists every
/// problem by field, and the instance fails with it.</summary>
public sealed class InvalidProposalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidProposalException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public InvalidProposalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public InvalidProposalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
