using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;

namespace Workflows.Functions.Tests.Governance;

public sealed class BuiltInCongressTests
{
    private static readonly GovernanceConfiguration Congress = GovernanceConfigurationLoader.LoadBuiltIn();

    [Fact]
    public void Loads_from_the_assembly_and_passes_validation()
    {
        ValidateOptionsResult result = new GovernanceConfigurationValidator().Validate(Options.DefaultName, Congress);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(GovernanceConfigurationLoader.BuiltInSource, Congress.Source);
    }

    [Fact]
    public void Has_exactly_the_nine_member_bodies_of_the_seed_documents()
    {
        (string Id, string Name, MemberBodyKind Kind)[] expected =
        [
            ("cannock-chase-ccg", "NHS Cannock Chase CCG", MemberBodyKind.ClinicalCommissioningGroup),
            ("east-staffordshire-ccg", "NHS East Staffordshire CCG", MemberBodyKind.ClinicalCommissioningGroup),
            ("north-staffordshire-ccg", "NHS North Staffordshire CCG", MemberBodyKind.ClinicalCommissioningGroup),
            ("south-east-staffordshire-seisdon-ccg", "NHS South East Staffordshire and Seisdon Peninsula CCG", MemberBodyKind.ClinicalCommissioningGroup),
            ("stafford-surrounds-ccg", "NHS Stafford and Surrounds CCG", MemberBodyKind.ClinicalCommissioningGroup),
            ("stoke-on-trent-ccg", "NHS Stoke-on-Trent CCG", MemberBodyKind.ClinicalCommissioningGroup),
            ("staffordshire-county-council", "Staffordshire County Council", MemberBodyKind.Council),
            ("stoke-on-trent-city-council", "Stoke-on-Trent City Council", MemberBodyKind.Council),
            ("nhs-england", "NHS England North Midlands", MemberBodyKind.NhsEngland),
        ];

        Assert.Equal(expected, Congress.Bodies.Select(b => (b.Id, b.Name, b.Kind)));
        Assert.Equal("Staffordshire Commissioning Congress", Congress.Congress.Name);
    }

    [Fact]
    public void Every_address_is_on_a_reserved_example_domain()
    {
        IEnumerable<Person> people = Congress.Bodies
            .SelectMany(b => new[] { b.GoverningBody.Approver, b.GoverningBody.Deputy }.Concat(b.Committees.Select(c => c.Chair)))
            .Append(Congress.Congress.Chair)
            .Append(Congress.Congress.Secretary!);

        Assert.All(people, p => Assert.Matches(@"^[a-z.]+@([a-z-]+\.)?example\.org$", p.Email));
    }

    [Fact]
    public void Every_body_has_a_quality_and_a_finance_committee_and_a_deputy_who_is_not_its_approver()
    {
        Assert.All(Congress.Bodies, body =>
        {
            Assert.NotNull(body.FindCommittee("quality"));
            Assert.NotNull(body.FindCommittee("finance"));
            Assert.NotEqual(body.GoverningBody.Approver.Email, body.GoverningBody.Deputy.Email);
        });
    }

    [Fact]
    public void Schemes_delegate_some_categories_everywhere_and_reserve_others_somewhere()
    {
        Assert.Equal(
            ["service-change", "financial-commitment", "procurement", "policy", "strategy", "primary-care-commissioning", "commissioning-intentions", "pooled-budget"],
            Congress.Categories.Select(c => c.Id));
        Assert.Empty(Congress.ReservedBy("service-change"));
        Assert.Empty(Congress.ReservedBy("financial-commitment"));
        Assert.Empty(Congress.ReservedBy("procurement"));
        Assert.Empty(Congress.ReservedBy("commissioning-intentions"));
        Assert.Equal(["staffordshire-county-council", "stoke-on-trent-city-council"], Congress.ReservedBy("policy").Select(b => b.Id));
        Assert.Equal(["north-staffordshire-ccg", "staffordshire-county-council", "stoke-on-trent-city-council"], Congress.ReservedBy("strategy").Select(b => b.Id));
        Assert.Equal(["cannock-chase-ccg", "north-staffordshire-ccg", "stafford-surrounds-ccg", "nhs-england"], Congress.ReservedBy("primary-care-commissioning").Select(b => b.Id));
        Assert.Equal(["stoke-on-trent-ccg", "staffordshire-county-council", "stoke-on-trent-city-council"], Congress.ReservedBy("pooled-budget").Select(b => b.Id));
    }

    [Fact]
    public void Threshold_is_one_million_pounds_and_the_policy_is_unanimity()
    {
        Assert.Equal(1_000_000m, Congress.Threshold);
        Assert.Equal(OutcomePolicy.Unanimity, Congress.Policy);
    }

    [Fact]
    public void Lookups_find_configured_ids_only_and_exactly()
    {
        Assert.Equal("Staffordshire County Council", Congress.FindBody("staffordshire-county-council")?.Name);
        Assert.Null(Congress.FindBody("Staffordshire-County-Council"));
        Assert.Equal("Primary care commissioning", Congress.FindCategory("primary-care-commissioning")?.Name);
        Assert.Null(Congress.FindCategory("finance"));
        Assert.Equal("Primary Care Commissioning Committee", Congress.FindBody("nhs-england")!.FindCommittee("primary-care")?.Name);
        Assert.Null(Congress.FindBody("nhs-england")!.FindCommittee("audit"));
    }
}
