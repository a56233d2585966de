namespace Workflows.Governance.Assembly.WorkProgramme;

/// <summary>One group's places after allocation.</summary>
/// <param name="GroupId">The group.</param>
/// <param name="GroupName">The group's name.</param>
/// <param name="Capacity">How many places it has.</param>
/// <param name="Members">Who was placed in it, in the order the places were given.</param>
/// <param name="Interested">How many members listed it at all.</param>
public sealed record GroupAllocation(string GroupId, string GroupName, int Capacity, IReadOnlyList<GroupPlacement> Members, int Interested);
