using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;

namespace Workflows.Governance.Assembly.Links;

/// <summary>What a link's page needs to know: where its answer stands, and the round's status for the form.</summary>
public sealed record LinkSituation
{
    /// <summary>Where the answer stands.</summary>
    public required LinkSituationKind Kind { get; init; }

    /// <summary>Why the link is not open, in a sentence.</summary>
    public string? Reason { get; init; }

    /// <summary>The member's name, when known.</summary>
    public string MemberName { get; init; } = string.Empty;

    /// <summary>When the round closes (UTC), when known.</summary>
    public DateTime? ClosesAt { get; init; }

    /// <summary>For nominations and reviews: the CCG's nomination.</summary>
    public CcgNominationStatus? Nomination { get; init; }

    /// <summary>For responses: the consultation.</summary>
    public ConsultationStatus? Consultation { get; init; }

    /// <summary>For interests: the work-programme round.</summary>
    public WorkProgrammeStatus? WorkProgramme { get; init; }

    /// <summary>How far the answer has got, to see a confirmation recorded: the nomination's state and attempt, or the
    /// member's number of answers.</summary>
    public string Progress { get; init; } = string.Empty;
}
