using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly.Consultations;

/// <summary>What a consultation starts with: its drafts, the members consulted, who gets the summary, and its timings.</summary>
public sealed record ConsultationInput
{
    /// <summary>The consultation's id, also its instance id.</summary>
    public string ConsultationId { get; init; } = string.Empty;

    /// <summary>Its title, such as "Draft shared statement of intent and framework for relationships".</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The assembly's name, for the emails.</summary>
    public string AssemblyName { get; init; } = string.Empty;

    /// <summary>The draft documents, stored in the documents store.</summary>
    public IReadOnlyList<DraftDocument> Documents { get; init; } = [];

    /// <summary>The members consulted, through their leads.</summary>
    public IReadOnlyList<MemberContact> Members { get; init; } = [];

    /// <summary>The design group's members, who receive the summary.</summary>
    public IReadOnlyList<Person> DesignGroup { get; init; } = [];

    /// <summary>When it closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>How long before the close the members who have not responded are reminded.</summary>
    public TimeSpan ReminderBeforeClose { get; init; }

    /// <summary>The consultation on the earlier draft this round follows, if any.</summary>
    public string? PreviousRoundId { get; init; }

    /// <summary>The nomination round whose roster the members come from, if any.</summary>
    public string? NominationRoundId { get; init; }

    /// <summary>Whether the round anchors its email keys to its first episode (see <c>EmailKeys.AnchorAsync</c>): true for
    /// rounds started since; false in the inputs of rounds started before, which keep their keys.</summary>
    public bool StableEmailKeys { get; init; }
}
