namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>Places members in the work programme's groups from their preferences, one group per member.</summary>
/// <remarks>
/// <para>The rule, which depends on nothing but its inputs (so the same interests always give the same allocation):</para>
/// <list type="number">
/// <item>Members are put in priority order: the member whose current preferences were received first comes first
/// (<see cref="InterestExpression.SubmittedAt"/>; revising preferences moves a member to the time of the revision), and
/// members received at the same instant are ordered by member id (ordinal).</item>
/// <item>Places are given in rounds, one per preference rank. In round 1 each member, in priority order, takes a place
/// in their first choice if it has a free place. In round 2 each member still without a place, in priority order, takes
/// a place in their second choice if it has one free; and so on to the longest list of preferences.</item>
/// <item>A member left without a place after their last preference is unplaced, for the design group to resolve.</item>
/// </list>
/// <para>So a group never takes more members than its capacity; when more members want a group at one rank than it has
/// places, the earlier ones get them and the others go on to their next choice; and a member's first choice is never
/// taken by someone who ranked it lower.</para>
/// </remarks>
public static class WorkProgrammeAllocator
{
    /// <summary>Allocates places by the rule above.</summary>
    /// <param name="roundId">The round, for the result.</param>
    /// <param name="closedAt">When the round closed, for the result.</param>
    /// <param name="groups">The groups, in configuration order.</param>
    /// <param name="interests">The members' interests; members with an empty list are unplaced.</param>
    /// <param name="noResponse">The members who expressed no interest.</param>
    /// <exception cref="ArgumentException">A preference names a group not in <paramref name="groups"/>, or a member is
    /// listed twice.</exception>
    public static WorkProgrammeAllocation Allocate(
        string roundId, DateTime closedAt, IReadOnlyList<WorkProgrammeGroup> groups, IReadOnlyList<InterestExpression> interests, IReadOnlyList<MemberReference> noResponse)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(interests);
        ArgumentNullException.ThrowIfNull(noResponse);
        var places = groups.ToDictionary(g => g.Id, _ => new List<GroupPlacement>(), StringComparer.Ordinal);
        foreach (InterestExpression interest in interests)
        {
            if (interest.Preferences.FirstOrDefault(p => !places.ContainsKey(p)) is { } unknown)
            {
                throw new ArgumentException($"Member '{interest.MemberId}' prefers unknown group '{unknown}'.", nameof(interests));
            }
        }

        if (interests.GroupBy(i => i.MemberId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Member '{twice.Key}' is listed more than once.", nameof(interests));
        }

        List<InterestExpression> waiting = [.. interests.OrderBy(i => i.SubmittedAt).ThenBy(i => i.MemberId, StringComparer.Ordinal)];
        int ranks = waiting.Count == 0 ? 0 : waiting.Max(i => i.Preferences.Count);
        var capacity = groups.ToDictionary(g => g.Id, g => g.Capacity, StringComparer.Ordinal);
        for (int rank = 0; rank < ranks; rank++)
        {
            var placed = new List<InterestExpression>();
            foreach (InterestExpression member in waiting.Where(m => rank < m.Preferences.Count))
            {
                List<GroupPlacement> group = places[member.Preferences[rank]];
                if (group.Count < capacity[member.Preferences[rank]])
                {
                    group.Add(new GroupPlacement(member.MemberId, member.MemberName, rank + 1));
                    placed.Add(member);
                }
            }

            waiting.RemoveAll(placed.Contains);
        }

        return new WorkProgrammeAllocation
        {
            RoundId = roundId,
            ClosedAt = closedAt,
            Groups = [.. groups.Select(g => new GroupAllocation(g.Id, g.Name, g.Capacity, places[g.Id], interests.Count(i => i.Preferences.Contains(g.Id, StringComparer.Ordinal))))],
            Unplaced = waiting,
            NoResponse = noResponse,
        };
    }
}
