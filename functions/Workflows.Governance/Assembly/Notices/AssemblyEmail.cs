using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly.Notices;

/// <summary>An email of the assembly's workflows, worded by the orchestrator; the activity adds the signed links.</summary>
public sealed record AssemblyEmail
{
    /// <summary>The idempotency key the orchestrator made for this send.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The recipients.</summary>
    public required IReadOnlyList<Person> To { get; init; }

    /// <summary>The heading and subject.</summary>
    public required string Title { get; init; }

    /// <summary>The paragraphs, in order.</summary>
    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    /// <summary>Labelled values after the paragraphs.</summary>
    public IReadOnlyList<EmailField> Fields { get; init; } = [];

    /// <summary>The signed link for the recipient, if any, and until when it is valid (UTC).</summary>
    public AssemblyEmailLink? Link { get; init; }
}
