using System.Globalization;
using Workflows.DurableTask.Queries;
using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Instances;

namespace Workflows.Governance.Dashboard;

/// <summary>The commissioning assembly's rounds on the dashboard (the components in <c>Dashboard/Pages</c> named
/// <c>Assembly*</c>): read from the rounds' own statuses through <see cref="AssemblyRounds"/>, as the assembly's routes
/// read them, and the words and links the pages use.</summary>
internal static class AssemblyBoard
{
    /// <summary>The board's route; a round's page is at <c>{Route}/{kind}/{id}</c>.</summary>
    public const string Route = DashboardEndpoints.Route + "/assembly";

    /// <summary>The rounds of every kind, newest first, at most <see cref="AssemblyRounds.BoardLimit"/> of each.</summary>
    public static async Task<AssemblyBoardModel> ReadAsync(InstanceReader instances, CancellationToken cancellationToken)
    {
        var rounds = new AssemblyRounds(instances);
        var lists = new List<AssemblyRoundList>();
        foreach (AssemblyRoundKind kind in AssemblyRoundKind.All)
        {
            (IReadOnlyList<RoundSnapshot> found, bool truncated) = await rounds.ListAsync(kind, cancellationToken);
            lists.Add(new AssemblyRoundList(kind.Segment, Heading(kind), [.. found.Select(View)], truncated));
        }

        return new AssemblyBoardModel(lists, instances.Can(InstanceQueryCapabilities.NameFilter));
    }

    /// <summary>The round <paramref name="id"/> of the kind whose segment is <paramref name="kind"/>, live; null for an
    /// unknown kind or round.</summary>
    public static async Task<AssemblyRoundView?> ReadAsync(InstanceReader instances, string kind, string id, CancellationToken cancellationToken)
    {
        AssemblyRoundKind? known = KindOf(kind);
        RoundSnapshot? round = known is null ? null : await new AssemblyRounds(instances).LoadAsync(known, id, cancellationToken);
        return round is null ? null : View(round);
    }

    /// <summary>The kind whose path segment is <paramref name="segment"/>, or null.</summary>
    public static AssemblyRoundKind? KindOf(string? segment) =>
        AssemblyRoundKind.All.FirstOrDefault(k => string.Equals(k.Segment, segment, StringComparison.Ordinal));

    /// <summary>A round's page on the board.</summary>
    public static string RoundPath(AssemblyRoundView round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return $"{Route}/{round.Kind}/{Uri.EscapeDataString(round.Id)}";
    }

    /// <summary>The round's state in a word, or why there is none yet.</summary>
    public static string StateText(AssemblyRoundView round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.Status?.State.ToString() ?? "Not published";
    }

    /// <summary>How many members have answered (nominated, responded, expressed interest) and how many were asked.</summary>
    public static (int Answered, int Asked) Answered(IAssemblyRoundStatus status) => status switch
    {
        NominationRoundStatus round => (round.Members.Count(m => m.State is NominationState.Nominated or NominationState.Accepted or NominationState.Unreviewed), round.Members.Count),
        ConsultationStatus consultation => (consultation.Members.Count(m => m.Responded), consultation.Members.Count),
        WorkProgrammeStatus programme => (programme.Members.Count(m => m.Expressed), programme.Members.Count),
        _ => (0, status.MemberStates().Count),
    };

    /// <summary>What answering is called in a round of the kind.</summary>
    public static string AnsweredVerb(string kind) => kind switch
    {
        "nominations" => "nominated",
        "consultations" => "responded",
        _ => "expressed interest",
    };

    /// <summary>The members still to answer, in the round's order.</summary>
    public static IReadOnlyList<string> StillToAnswer(IAssemblyRoundStatus status) => status switch
    {
        NominationRoundStatus round => [.. round.Members.Where(m => m.State is NominationState.Invited or NominationState.Returned).Select(m => m.MemberName)],
        ConsultationStatus consultation => [.. consultation.Members.Where(m => !m.Responded).Select(m => m.MemberName)],
        WorkProgrammeStatus programme => [.. programme.Members.Where(m => !m.Expressed).Select(m => m.MemberName)],
        _ => [],
    };

    /// <summary>Each member's state in the round's own words, by member id.</summary>
    public static Dictionary<string, string> States(IAssemblyRoundStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.MemberStates().DistinctBy(m => m.MemberId).ToDictionary(m => m.MemberId, m => m.State, StringComparer.Ordinal);
    }

    /// <summary>The round's title, where its kind has one (consultations).</summary>
    public static string? Title(IAssemblyRoundStatus? status) => (status as ConsultationStatus)?.Title;

    /// <summary>A time as the board shows it, or a dash.</summary>
    public static string Time(DateTime? at) =>
        at is { } time ? DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "–";

    /// <summary>The name of a work-programme group, or its id when the round does not know it.</summary>
    public static string GroupName(WorkProgrammeStatus round, string? id) =>
        id is null ? "–" : round.Groups.FirstOrDefault(g => g.Id == id)?.Name ?? id;

    private static AssemblyRoundView View(RoundSnapshot round) => new(round.Kind.Segment, round.Kind.Noun, round.Instance, round.Status);

    private static string Heading(AssemblyRoundKind kind) =>
        kind == AssemblyRoundKind.Nominations ? "Nomination rounds" : kind == AssemblyRoundKind.Consultations ? "Consultations" : "Work-programme rounds";
}
