namespace Workflows.Governance.Assembly.Http;

/// <summary>The JSON body of <c>POST /api/assembly/consultations/{id}/members/{memberId}/response</c>: a member's
/// response recorded on its behalf; it replaces any earlier one.</summary>
public sealed record ResponseRequest
{
    /// <summary>One view per draft document.</summary>
    public IReadOnlyList<ViewRequest?>? Views { get; init; }

    /// <summary>Who records it; "admin" when absent.</summary>
    public string? By { get; init; }
}
