using Microsoft.DurableTask;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Notices;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Assembly.Consultations;

/// <summary>A consultation on one or more draft documents: a link to every member's lead, responses revisable until the
/// close, a reminder before it, an admin's early close or extension, and at the close a summary of views written once
/// (JSON and HTML) and emailed to the design group.</summary>
[DurableTask(nameof(ConsultationOrchestrator))]
public sealed class ConsultationOrchestrator : TaskOrchestrator<ConsultationInput, ConsultationSummary>
{
    /// <inheritdoc/>
    public override async Task<ConsultationSummary> RunAsync(TaskOrchestrationContext context, ConsultationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await EmailKeys.AnchorAsync(context, input.StableEmailKeys);

        var responses = new Dictionary<string, ConsultationResponse>(StringComparer.Ordinal);
        List<MemberResponseStatus> members = [.. input.Members.Select(m => new MemberResponseStatus { MemberId = m.Id, MemberName = m.Name })];
        var status = new ConsultationStatus
        {
            ConsultationId = input.ConsultationId,
            Title = input.Title,
            State = RoundState.Open,
            ClosesAt = DateTime.SpecifyKind(input.ClosesAt, DateTimeKind.Utc),
            PreviousRoundId = input.PreviousRoundId,
            Documents = input.Documents,
            Members = [.. members],
        };
        void Publish(ConsultationStatus next)
        {
            status = next;
            context.SetCustomStatus(next);
        }

        Task InviteAsync(IEnumerable<MemberContact> to, string what) => SendLinksAsync(context, input, to, what, status.ClosesAt);

        Publish(status);
        await InviteAsync(input.Members, "invitation");
        var round = new RespondingRound<ResponseEvent>(context, AssemblyEvents.Response, input.ClosesAt, input.ReminderBeforeClose)
        {
            Answered = response =>
            {
                int index = members.FindIndex(m => string.Equals(m.MemberId, response.MemberId, StringComparison.Ordinal));
                if (index >= 0 && ConsultationRules.IsComplete(input.Documents, response.Views))
                {
                    MemberResponseStatus member = members[index];
                    DocumentView[] views = [.. response.Views.Select(v => v with { Comments = string.IsNullOrWhiteSpace(v.Comments) ? null : v.Comments.Trim() })];
                    responses[response.MemberId] = new ConsultationResponse(response.MemberId, views, response.By, context.CurrentUtcDateTime, member.Revisions + 1);
                    members[index] = member with
                    {
                        Revisions = member.Revisions + 1,
                        RespondedAt = context.CurrentUtcDateTime,
                        RespondedBy = response.By,
                        Positions = views.ToDictionary(v => v.DocumentId, v => v.Position, StringComparer.Ordinal),
                    };
                    Publish(status with { Members = [.. members] });
                }

                return Task.CompletedTask;
            },
            Remind = async () =>
            {
                Publish(status with { ReminderSent = true });
                await InviteAsync(input.Members.Where(m => !responses.ContainsKey(m.Id)), "reminder");
            },
            Resend = resend => InviteAsync(input.Members.Where(m => resend.MemberId is null ? !responses.ContainsKey(m.Id) : m.Id == resend.MemberId), "resend"),
            Extended = async closesAt =>
            {
                Publish(status with { ClosesAt = closesAt });
                await InviteAsync(input.Members, "extended");
            },
        };
        await round.RunAsync();

        ConsultationSummary summary = ConsultationSummaryBuilder.Build(
            input.ConsultationId, input.Title, input.PreviousRoundId, context.CurrentUtcDateTime, input.Documents, input.Members, responses);
        Publish(status with { State = RoundState.Closed, ClosedBy = round.ClosedBy });
        string path = await AssemblyNotices.RecordAsync(context, new AssemblyRecord { Kind = AssemblyRecordKind.ConsultationSummary, RoundId = input.ConsultationId, Summary = summary });
        Publish(status with { RecordPath = path });
        await AssemblyNotices.SendAsync(context, "summary", key => new AssemblyEmail
        {
            IdempotencyKey = key,
            To = input.DesignGroup,
            Title = $"Summary of views: {input.Title}",
            Paragraphs =
            [
                $"The consultation {input.ConsultationId} has closed. {summary.Responded.Count} of {summary.Consulted} members responded.",
                .. summary.Documents.SelectMany(d => (IEnumerable<string>)
                [
                    $"{d.Title}: support {d.Support}, support with changes {d.SupportWithChanges}, do not support {d.DoNotSupport}.",
                    .. d.Comments.Select(c => $"{c.MemberName} ({AssemblyText.Position(c.Position)}) on {d.Title}: {c.Comments}"),
                ]),
                summary.NoResponse.Count == 0 ? "Every member responded." : $"Did not respond: {string.Join(", ", summary.NoResponse.Select(m => m.Name))}.",
            ],
            Fields = input.PreviousRoundId is { } previous ? [new EmailField("Follows consultation", previous)] : [],
        });
        return summary;
    }

    private static async Task SendLinksAsync(TaskOrchestrationContext context, ConsultationInput input, IEnumerable<MemberContact> to, string what, DateTime closesAt)
    {
        foreach (MemberContact member in to.ToList())
        {
            var grant = new AssemblyGrant(AssemblyLinkKind.Respond, context.InstanceId, input.ConsultationId, member.Id, "Lead", member.Lead.Name, member.Lead.Email);
            string title = what switch
            {
                "reminder" => $"Reminder: the consultation \"{input.Title}\" closes on {AssemblyText.Time(closesAt)}",
                "extended" => $"Extended to {AssemblyText.Time(closesAt)}: the consultation \"{input.Title}\"",
                _ => $"Your views are sought: \"{input.Title}\"",
            };
            await AssemblyNotices.SendAsync(context, $"{member.Id}:{what}", key => new AssemblyEmail
            {
                IdempotencyKey = key,
                To = [member.Lead],
                Title = title,
                Paragraphs =
                [
                    $"Dear {member.Lead.Name},",
                    $"The {input.AssemblyName} seeks {member.Name}'s views on {string.Join(", ", input.Documents.Select(d => d.Title))}. For each document, give a position (support, support with changes, do not support) and any comments; you may revise your response until the consultation closes.",
                ],
                Fields = [new EmailField("Closes", AssemblyText.Time(closesAt))],
                Link = new AssemblyEmailLink("Respond", grant, closesAt),
            });
        }
    }
}
