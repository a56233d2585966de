namespace Workflows.Governance.Assembly.Http;

/// <summary>A view of one draft document in a response.</summary>
public sealed record ViewRequest
{
    /// <summary>The document's id.</summary>
    public string? Document { get; init; }

    /// <summary>Support, SupportWithChanges or DoNotSupport.</summary>
    public string? Position { get; init; }

    /// <summary>Comments, if any.</summary>
    public string? Comments { get; init; }
}
