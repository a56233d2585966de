using Microsoft.DurableTask;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Notices;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>A work-programme round: members express interest in the groups in order of preference (revisable) until
/// the close, with a reminder before it; at the close places are allocated by <see cref="WorkProgrammeAllocator"/>,
/// the allocation is written once as a record, each member is told its group and the design group the whole.</summary>
[DurableTask(nameof(WorkProgrammeOrchestrator))]
public sealed class WorkProgrammeOrchestrator : TaskOrchestrator<WorkProgrammeInput, WorkProgrammeAllocation>
{
    /// <inheritdoc/>
    public override async Task<WorkProgrammeAllocation> RunAsync(TaskOrchestrationContext context, WorkProgrammeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await EmailKeys.AnchorAsync(context, input.StableEmailKeys);

        List<MemberInterestStatus> members = [.. input.Members.Select(m => new MemberInterestStatus { MemberId = m.Id, MemberName = m.Name })];
        var status = new WorkProgrammeStatus
        {
            RoundId = input.RoundId,
            State = RoundState.Open,
            ClosesAt = DateTime.SpecifyKind(input.ClosesAt, DateTimeKind.Utc),
            Groups = input.Groups,
            Members = [.. members],
        };
        void Publish(WorkProgrammeStatus next)
        {
            status = next;
            context.SetCustomStatus(next);
        }

        IEnumerable<MemberContact> Silent() => input.Members.Where(m => !members.Single(s => s.MemberId == m.Id).Expressed);
        Task InviteAsync(IEnumerable<MemberContact> to, string what) => SendLinksAsync(context, input, to, what, status.ClosesAt);

        Publish(status);
        await InviteAsync(input.Members, "invitation");
        var round = new RespondingRound<InterestEvent>(context, AssemblyEvents.Interest, input.ClosesAt, input.ReminderBeforeClose)
        {
            Answered = interest =>
            {
                int index = members.FindIndex(m => string.Equals(m.MemberId, interest.MemberId, StringComparison.Ordinal));
                if (index >= 0 && IsValid(input, interest.Preferences))
                {
                    members[index] = members[index] with
                    {
                        Preferences = interest.Preferences,
                        Revisions = members[index].Revisions + 1,
                        SubmittedAt = context.CurrentUtcDateTime,
                        SubmittedBy = interest.By,
                    };
                    Publish(status with { Members = [.. members] });
                }

                return Task.CompletedTask;
            },
            Remind = async () =>
            {
                Publish(status with { ReminderSent = true });
                await InviteAsync(Silent(), "reminder");
            },
            Resend = resend => InviteAsync(resend.MemberId is null ? Silent() : input.Members.Where(m => m.Id == resend.MemberId), "resend"),
            Extended = async closesAt =>
            {
                Publish(status with { ClosesAt = closesAt });
                await InviteAsync(input.Members, "extended");
            },
        };
        await round.RunAsync();

        WorkProgrammeAllocation allocation = WorkProgrammeAllocator.Allocate(
            input.RoundId,
            context.CurrentUtcDateTime,
            input.Groups,
            [.. members.Where(m => m.Expressed).Select(m => new InterestExpression(m.MemberId, m.MemberName, m.Preferences, m.SubmittedAt!.Value))],
            [.. members.Where(m => !m.Expressed).Select(m => new MemberReference(m.MemberId, m.MemberName))]);
        members = [.. members.Select(m => m with { PlacedIn = allocation.GroupOf(m.MemberId)?.GroupId })];
        Publish(status with { State = RoundState.Closed, ClosedBy = round.ClosedBy, Members = [.. members] });
        string path = await AssemblyNotices.RecordAsync(context, new AssemblyRecord { Kind = AssemblyRecordKind.Allocation, RoundId = input.RoundId, Allocation = allocation });
        Publish(status with { RecordPath = path });

        foreach (MemberContact member in input.Members.Where(m => members.Single(s => s.MemberId == m.Id).Expressed))
        {
            GroupAllocation? group = allocation.GroupOf(member.Id);
            await AssemblyNotices.SendAsync(context, $"{member.Id}:allocation", key => new AssemblyEmail
            {
                IdempotencyKey = key,
                To = [member.Lead],
                Title = group is null ? $"{input.AssemblyName} work programme: no place this round" : $"{input.AssemblyName} work programme: {group.GroupName}",
                Paragraphs =
                [
                    $"Dear {member.Lead.Name},",
                    group is null
                        ? $"Every group {member.Name} chose was full; the design group will be in touch."
                        : $"{member.Name} has a place in the {group.GroupName} group (your preference {group.Members.Single(p => p.MemberId == member.Id).PreferenceRank}).",
                ],
            });
        }

        await AssemblyNotices.SendAsync(context, "allocation", key => new AssemblyEmail
        {
            IdempotencyKey = key,
            To = input.DesignGroup,
            Title = $"{input.AssemblyName} work programme: the allocation",
            Paragraphs =
            [
                $"The work-programme round {input.RoundId} has closed.",
                allocation.Unplaced.Count == 0 ? "Every member who expressed interest has a place." : $"Not placed (every choice full): {string.Join(", ", allocation.Unplaced.Select(u => u.MemberName))}.",
                allocation.NoResponse.Count == 0 ? "Every member expressed interest." : $"No interest expressed: {string.Join(", ", allocation.NoResponse.Select(u => u.Name))}.",
            ],
            Fields = [.. allocation.Groups.Select(g => new EmailField($"{g.GroupName} ({g.Members.Count}/{g.Capacity})", g.Members.Count == 0 ? "nobody" : string.Join(", ", g.Members.Select(p => p.MemberName))))],
        });
        return allocation;
    }

    /// <summary>Whether preferences name known groups, each at most once, and at least one.</summary>
    public static bool IsValid(WorkProgrammeInput input, IReadOnlyList<string>? preferences)
    {
        ArgumentNullException.ThrowIfNull(input);
        return preferences is { Count: > 0 }
            && preferences.All(p => input.Groups.Any(g => string.Equals(g.Id, p, StringComparison.Ordinal)))
            && preferences.Distinct(StringComparer.Ordinal).Count() == preferences.Count;
    }

    private static async Task SendLinksAsync(TaskOrchestrationContext context, WorkProgrammeInput input, IEnumerable<MemberContact> to, string what, DateTime closesAt)
    {
        foreach (MemberContact member in to.ToList())
        {
            var grant = new AssemblyGrant(AssemblyLinkKind.Interest, context.InstanceId, input.RoundId, member.Id, "Lead", member.Lead.Name, member.Lead.Email);
            await AssemblyNotices.SendAsync(context, $"{member.Id}:{what}", key => new AssemblyEmail
            {
                IdempotencyKey = key,
                To = [member.Lead],
                Title = what == "reminder"
                    ? $"Reminder: choose your {input.AssemblyName} work-programme groups by {AssemblyText.Time(closesAt)}"
                    : $"Choose your {input.AssemblyName} work-programme groups",
                Paragraphs =
                [
                    $"Dear {member.Lead.Name},",
                    $"The shared work programme has {input.Groups.Count} groups: {string.Join(", ", input.Groups.Select(g => g.Name))}. List the groups {member.Name} would join, most wanted first; you may change your choice until the round closes. Where a group is over capacity, places go first to the earliest choices received.",
                ],
                Fields = [new EmailField("Closes", AssemblyText.Time(closesAt))],
                Link = new AssemblyEmailLink("Choose groups", grant, closesAt),
            });
        }
    }
}
