using Microsoft.DurableTask;
using Workflows.Governance.Assembly.Notices;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Assembly.Nominations;

/// <summary>A nomination round: one <see cref="CcgNominationOrchestrator"/> per CCG, all in parallel; an admin's close
/// or extension goes to every CCG still nominating; when every CCG is done the roster of accepted leads is written once
/// as a record and sent to the design group.</summary>
[DurableTask(nameof(NominationRoundOrchestrator))]
public sealed class NominationRoundOrchestrator : TaskOrchestrator<NominationRoundInput, Roster>
{
    /// <summary>The instance id of a CCG's nomination within a round: "{roundId}:{memberId}".</summary>
    public static string InstanceIdFor(string roundId, string memberId) => $"{roundId}:{memberId}";

    /// <inheritdoc/>
    public override async Task<Roster> RunAsync(TaskOrchestrationContext context, NominationRoundInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await EmailKeys.AnchorAsync(context, input.StableEmailKeys);

        var events = new EventInbox(context);
        DateTime closesAt = DateTime.SpecifyKind(input.ClosesAt, DateTimeKind.Utc);
        List<CcgNominationStatus> members = [.. input.Members.Select(m => new CcgNominationStatus { MemberId = m.Id, MemberName = m.Name, ClosesAt = closesAt })];
        var status = new NominationRoundStatus { RoundId = input.RoundId, State = RoundState.Open, ClosesAt = closesAt, Members = [.. members] };
        void Publish(NominationRoundStatus next)
        {
            status = next;
            context.SetCustomStatus(next);
        }

        Publish(status);
        var running = new Dictionary<Task<CcgNominationStatus>, int>();
        for (int i = 0; i < input.Members.Count; i++)
        {
            MemberCcg member = input.Members[i];
            var child = new CcgNominationInput
            {
                RoundId = input.RoundId,
                AssemblyName = input.AssemblyName,
                Member = member,
                DesignGroup = input.DesignGroup,
                ClosesAt = closesAt,
                ReminderInterval = input.ReminderInterval,
                EscalateAfter = input.EscalateAfter,
                StableEmailKeys = input.StableEmailKeys,
            };
            running[context.CallSubOrchestratorAsync<CcgNominationStatus>(
                nameof(CcgNominationOrchestrator), child, new SubOrchestrationOptions(instanceId: InstanceIdFor(input.RoundId, member.Id)))] = i;
        }

        while (running.Count > 0)
        {
            Task close = events.Next(AssemblyEvents.Close);
            Task extend = events.Next(AssemblyEvents.Extend);
            Task winner = await Task.WhenAny([close, extend, .. running.Keys]);
            if (winner == close)
            {
                string by = events.Take<string>(AssemblyEvents.Close) ?? "admin";
                foreach (int index in running.Values)
                {
                    context.SendEvent(InstanceIdFor(input.RoundId, members[index].MemberId), AssemblyEvents.Close, by);
                }

                Publish(status with { ClosedBy = by });
            }
            else if (winner == extend)
            {
                if (events.Take<RoundExtension>(AssemblyEvents.Extend) is { } extension && extension.ClosesAt > closesAt)
                {
                    closesAt = DateTime.SpecifyKind(extension.ClosesAt, DateTimeKind.Utc);
                    foreach (int index in running.Values)
                    {
                        context.SendEvent(InstanceIdFor(input.RoundId, members[index].MemberId), AssemblyEvents.Extend, extension with { ClosesAt = closesAt });
                        members[index] = members[index] with { ClosesAt = closesAt };
                    }

                    Publish(status with { ClosesAt = closesAt, Members = [.. members] });
                }
            }
            else if (winner is Task<CcgNominationStatus> finished && running.Remove(finished, out int index))
            {
                members[index] = await finished;
                Publish(status with { Members = [.. members] });
            }
        }

        var roster = new Roster
        {
            RoundId = input.RoundId,
            ClosedAt = context.CurrentUtcDateTime,
            Leads = [.. members.Where(m => m is { State: NominationState.Accepted, Nomination: not null })
                .Select(m => new RosterLead(m.MemberId, m.MemberName, m.Nomination!, m.ReviewedBy ?? "the design group"))],
            Missing = [.. members.Where(m => m.State != NominationState.Accepted)],
        };
        Publish(status with { State = RoundState.Closed });
        string path = await AssemblyNotices.RecordAsync(context, new AssemblyRecord { Kind = AssemblyRecordKind.Roster, RoundId = input.RoundId, Roster = roster });
        Publish(status with { RecordPath = path });
        await AssemblyNotices.SendAsync(context, "roster", key => new AssemblyEmail
        {
            IdempotencyKey = key,
            To = input.DesignGroup,
            Title = $"{input.AssemblyName}: the roster of clinical leads",
            Paragraphs =
            [
                $"The nomination round {input.RoundId} has closed. {roster.Leads.Count} of {members.Count} CCGs have an accepted clinical lead.",
                roster.Missing.Count == 0 ? "Every CCG has a lead." : $"Without a lead: {string.Join(", ", roster.Missing.Select(m => $"{m.MemberName} ({m.State})"))}.",
            ],
            Fields = [.. roster.Leads.Select(l => new EmailField(l.MemberName, $"{l.Lead.Name}, {l.Lead.Role}"))],
        });
        return roster;
    }
}
