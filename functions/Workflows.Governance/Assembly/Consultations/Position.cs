namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A member's position on a draft document.</summary>
public enum Position
{
    /// <summary>Supports the draft as it is.</summary>
    Support,

    /// <summary>Supports the draft if it is changed as the comments say.</summary>
    SupportWithChanges,

    /// <summary>Does not support the draft.</summary>
    DoNotSupport,
}
