namespace Workflows.Governance.Proposals.Http;

/// <summary>One decision-maker of a proposal in the API: the committee, the congress or a governing body.</summary>
/// <param name="Id">"committee", "congress" or the member body's id.</param>
/// <param name="Name">The name shown to people.</param>
/// <param name="State">Pending, Approved, Rejected, NoResponse (and Referred for the congress).</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When (UTC).</param>
/// <param name="Comment">Their comment, or an admin's reason.</param>
/// <param name="RemindersSent">Reminders sent so far.</param>
/// <param name="Escalated">Whether the request went to the deputy.</param>
/// <param name="Deadline">This decision's deadline (UTC).</param>
internal sealed record ParticipantView(
    string Id,
    string Name,
    ParticipantState State,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? Comment,
    int RemindersSent,
    bool Escalated,
    DateTime? Deadline)
{
    public static ParticipantView From(ParticipantStatus status) => new(
        status.Id,
        status.Name,
        status.State,
        status.DecidedBy,
        Utc(status.DecidedAt),
        status.Comment,
        status.RemindersSent,
        status.Escalated,
        Utc(status.Deadline));

    private static DateTime? Utc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;
}
