using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.WorkProgramme;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>The allocation rule: rank by rank, earlier submissions first, ties by member id, never over capacity.</summary>
public sealed class WorkProgrammeAllocatorTests
{
    private static readonly DateTime T0 = new(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly WorkProgrammeGroup[] Groups =
    [
        new() { Id = "quality", Name = "Quality", Capacity = 2 },
        new() { Id = "incentives", Name = "Incentives", Capacity = 1 },
        new() { Id = "primary-care", Name = "Primary care", Capacity = 1 },
    ];

    [Fact]
    public void Members_under_capacity_all_get_their_first_choice()
    {
        WorkProgrammeAllocation allocation = Allocate(
            Interest("a-ccg", 0, "quality", "incentives"),
            Interest("b-ccg", 1, "incentives"),
            Interest("c-ccg", 2, "quality"));

        Assert.Equal(["a-ccg", "c-ccg"], Members(allocation, "quality"));
        Assert.Equal(["b-ccg"], Members(allocation, "incentives"));
        Assert.Empty(Members(allocation, "primary-care"));
        Assert.All(allocation.Groups.SelectMany(g => g.Members), p => Assert.Equal(1, p.PreferenceRank));
        Assert.Empty(allocation.Unplaced);
        Assert.Equal(2, allocation.Groups[0].Interested);
    }

    [Fact]
    public void Over_capacity_the_earlier_submissions_get_the_places_and_the_others_their_next_choice()
    {
        WorkProgrammeAllocation allocation = Allocate(
            Interest("late-ccg", 30, "quality", "incentives"),
            Interest("first-ccg", 0, "quality", "primary-care"),
            Interest("second-ccg", 10, "quality", "incentives"),
            Interest("third-ccg", 20, "quality", "primary-care"));

        Assert.Equal(["first-ccg", "second-ccg"], Members(allocation, "quality"));
        Assert.Equal(["third-ccg"], Members(allocation, "primary-care"));
        Assert.Equal(["late-ccg"], Members(allocation, "incentives"));
        Assert.Equal(2, allocation.GroupOf("late-ccg")!.Members.Single().PreferenceRank);
        Assert.All(allocation.Groups, g => Assert.True(g.Members.Count <= g.Capacity));
    }

    [Fact]
    public void Submissions_at_the_same_instant_are_ordered_by_member_id_whatever_the_input_order()
    {
        InterestExpression[] interests =
        [
            Interest("zeta-ccg", 0, "incentives", "quality"),
            Interest("alpha-ccg", 0, "incentives", "quality"),
            Interest("mu-ccg", 0, "incentives", "quality"),
        ];

        WorkProgrammeAllocation forwards = Allocate(interests);
        WorkProgrammeAllocation backwards = Allocate([.. interests.Reverse()]);

        Assert.Equal(["alpha-ccg"], Members(forwards, "incentives"));
        Assert.Equal(["mu-ccg", "zeta-ccg"], Members(forwards, "quality"));
        Assert.Equal(forwards.Groups.Select(g => Members(forwards, g.GroupId)), backwards.Groups.Select(g => Members(backwards, g.GroupId)));
    }

    [Fact]
    public void A_first_choice_is_never_taken_by_someone_who_ranked_it_lower()
    {
        // The early member wants incentives second; the late member wants it first, and gets it.
        WorkProgrammeAllocation allocation = Allocate(
            Interest("early-ccg", 0, "primary-care", "incentives"),
            Interest("earlier-ccg", -1, "primary-care"),
            Interest("late-ccg", 50, "incentives"));

        Assert.Equal(["late-ccg"], Members(allocation, "incentives"));
        Assert.Equal(["earlier-ccg"], Members(allocation, "primary-care"));
        Assert.Equal(["early-ccg"], allocation.Unplaced.Select(u => u.MemberId));
    }

    [Fact]
    public void Members_whose_every_choice_is_full_are_unplaced_in_priority_order()
    {
        WorkProgrammeAllocation allocation = Allocate(
            Interest("a-ccg", 0, "incentives"),
            Interest("c-ccg", 2, "incentives"),
            Interest("b-ccg", 1, "incentives"),
            Interest("d-ccg", 3));

        Assert.Equal(["a-ccg"], Members(allocation, "incentives"));
        Assert.Equal(["b-ccg", "c-ccg", "d-ccg"], allocation.Unplaced.Select(u => u.MemberId));
    }

    [Fact]
    public void Unknown_groups_and_members_listed_twice_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Allocate(Interest("a-ccg", 0, "gardening")));
        Assert.Throws<ArgumentException>(() => Allocate(Interest("a-ccg", 0, "quality"), Interest("a-ccg", 1, "incentives")));
    }

    private static InterestExpression Interest(string member, int minutes, params string[] preferences) =>
        new(member, member.ToUpperInvariant(), preferences, T0.AddMinutes(minutes));

    private static WorkProgrammeAllocation Allocate(params InterestExpression[] interests) =>
        WorkProgrammeAllocator.Allocate("wp-1", T0.AddDays(14), Groups, interests, []);

    private static string[] Members(WorkProgrammeAllocation allocation, string group) =>
        [.. allocation.Groups.Single(g => g.GroupId == group).Members.Select(m => m.MemberId)];
}
