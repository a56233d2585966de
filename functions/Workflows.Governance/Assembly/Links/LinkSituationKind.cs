namespace Workflows.Governance.Assembly.Links;

/// <summary>Where the thing an assembly link is for stands.</summary>
public enum LinkSituationKind
{
    /// <summary>The workflow waits for this answer: the link may give it.</summary>
    Open,

    /// <summary>The answer this link was for has been given (a nomination made, a nomination reviewed).</summary>
    Used,

    /// <summary>The round's closing date has passed.</summary>
    Expired,

    /// <summary>The workflow no longer waits for this answer: the round closed or ended.</summary>
    Closed,
}
