namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A consultation as its workflow publishes it (custom status). Comments are not in it: they are in the
/// responses the workflow keeps, and in the summary at the close.</summary>
public sealed record ConsultationStatus : IAssemblyRoundStatus
{
    /// <summary>The consultation.</summary>
    public string ConsultationId { get; init; } = string.Empty;

    /// <inheritdoc/>
    string IAssemblyRoundStatus.RoundId => this.ConsultationId;

    /// <summary>Its title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Open or closed.</summary>
    public RoundState State { get; init; }

    /// <summary>When it closes (UTC).</summary>
    public DateTime ClosesAt { get; init; }

    /// <summary>Who closed it early, if an admin did.</summary>
    public string? ClosedBy { get; init; }

    /// <summary>Whether the reminder before the close was sent.</summary>
    public bool ReminderSent { get; init; }

    /// <summary>The consultation on the earlier draft this one follows, if any.</summary>
    public string? PreviousRoundId { get; init; }

    /// <summary>The documents consulted on.</summary>
    public IReadOnlyList<DraftDocument> Documents { get; init; } = [];

    /// <summary>Each member consulted.</summary>
    public IReadOnlyList<MemberResponseStatus> Members { get; init; } = [];

    /// <summary>Where the summary's JSON is, once written.</summary>
    public string? RecordPath { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<RoundMemberState> MemberStates() => [.. this.Members.Select(m => new RoundMemberState(
        m.MemberId,
        m.MemberName,
        m.Responded ? (m.Revisions > 1 ? $"Responded ({m.Revisions} revisions)" : "Responded") : "Invited",
        string.Join("; ", this.Documents.Where(d => m.Positions.ContainsKey(d.Id)).Select(d => $"{d.Title}: {AssemblyText.Position(m.Positions[d.Id])}"))))];
}
