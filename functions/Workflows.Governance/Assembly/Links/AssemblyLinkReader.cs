using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;

namespace Workflows.Governance.Assembly.Links;

/// <summary>Works out, from the workflows' custom statuses, where the answer of an assembly link stands.</summary>
internal sealed class AssemblyLinkReader(DurableTaskClient client, TimeProvider clock)
{
    /// <summary>Where the answer of <paramref name="grant"/> stands now.</summary>
    public async Task<LinkSituation> ReadAsync(AssemblyGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(grant.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return new LinkSituation { Kind = LinkSituationKind.Closed, Reason = "This round no longer exists." };
        }

        bool live = instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
        DateTime now = clock.GetUtcNow().UtcDateTime;
        return grant.Kind switch
        {
            AssemblyLinkKind.Nominate or AssemblyLinkKind.Review => Nomination(grant, Read<CcgNominationStatus>(instance), live, now),
            AssemblyLinkKind.Respond => Consultation(grant, Read<ConsultationStatus>(instance), live, now),
            _ => WorkProgramme(grant, Read<WorkProgrammeStatus>(instance), live, now),
        };
    }

    private static LinkSituation Nomination(AssemblyGrant grant, CcgNominationStatus? status, bool live, DateTime now)
    {
        if (status is null)
        {
            return new LinkSituation { Kind = LinkSituationKind.Closed, Reason = "This nomination is not open yet; try again in a moment." };
        }

        bool nominate = grant.Kind == AssemblyLinkKind.Nominate;
        bool awaits = nominate ? status.State is NominationState.Invited or NominationState.Returned : status.State == NominationState.Nominated;
        (LinkSituationKind kind, string? reason) = (status, awaits) switch
        {
            _ when status.Attempt > grant.Attempt || (status.Attempt == grant.Attempt && Answered(status.State, nominate)) =>
                (LinkSituationKind.Used, nominate
                    ? "A nomination was already made with this link; a newer email has a new link if the design group returned it."
                    : $"This nomination was already reviewed{(status.ReviewedBy is { } by ? $" by {PublicName(by)}" : string.Empty)}."),
            _ when status.Finished || !live => (LinkSituationKind.Closed, "The nomination round has closed for this CCG."),
            _ when !awaits => (LinkSituationKind.Closed, "There is no nomination waiting for review."),
            _ when now >= status.ClosesAt => (LinkSituationKind.Expired, null),
            _ => (LinkSituationKind.Open, null),
        };
        return new LinkSituation
        {
            Kind = kind,
            Reason = reason,
            MemberName = status.MemberName,
            ClosesAt = status.ClosesAt,
            Nomination = status,
            Progress = $"{status.State}:{status.Attempt}",
        };
    }

    private static LinkSituation Consultation(AssemblyGrant grant, ConsultationStatus? status, bool live, DateTime now)
    {
        MemberResponseStatus? member = status?.Members.FirstOrDefault(m => m.MemberId == grant.MemberId);
        return Round(status, member?.MemberName, live, now, "consultation") with { Consultation = status, Progress = $"{member?.Revisions}" };
    }

    private static LinkSituation WorkProgramme(AssemblyGrant grant, WorkProgrammeStatus? status, bool live, DateTime now)
    {
        MemberInterestStatus? member = status?.Members.FirstOrDefault(m => m.MemberId == grant.MemberId);
        return Round(status, member?.MemberName, live, now, "work-programme round") with { WorkProgramme = status, Progress = $"{member?.Revisions}" };
    }

    private static LinkSituation Round(IAssemblyRoundStatus? status, string? member, bool live, DateTime now, string noun)
    {
        (LinkSituationKind kind, string? reason) = status switch
        {
            null => (LinkSituationKind.Closed, $"This {noun} is not open yet; try again in a moment."),
            _ when member is null => (LinkSituationKind.Closed, $"Your CCG is not part of this {noun}."),
            { State: RoundState.Closed } => (LinkSituationKind.Closed, $"This {noun} has closed."),
            _ when !live => (LinkSituationKind.Closed, $"This {noun} has ended."),
            _ when now >= status.ClosesAt => (LinkSituationKind.Expired, null),
            _ => (LinkSituationKind.Open, null),
        };
        return new LinkSituation { Kind = kind, Reason = reason, MemberName = member ?? string.Empty, ClosesAt = status?.ClosesAt };
    }

    // Whether the answer a link of the current attempt is for has been given.
    private static bool Answered(NominationState state, bool nominate) => nominate
        ? state is NominationState.Nominated or NominationState.Accepted or NominationState.Unreviewed
        : state is NominationState.Accepted;

    // "Jane Doe <jane@example.org>" is shown as "Jane Doe": no page shows an address.
    private static string PublicName(string signature)
    {
        int bracket = signature.IndexOf('<', StringComparison.Ordinal);
        return (bracket >= 0 ? signature[..bracket] : signature).Trim();
    }

    private static T? Read<T>(OrchestrationMetadata instance)
        where T : class
    {
        try
        {
            return instance.ReadCustomStatusAs<T>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
