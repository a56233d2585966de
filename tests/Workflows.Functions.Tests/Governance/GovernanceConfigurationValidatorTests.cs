using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;

namespace Workflows.Functions.Tests.Governance;

public sealed class GovernanceConfigurationValidatorTests
{
    private const string Prefix = "Governance configuration 'built-in congress.json': ";

    private static readonly GovernanceConfiguration Valid = GovernanceConfigurationLoader.LoadBuiltIn();

    [Fact]
    public void Each_message_names_the_configuration_source()
    {
        ValidateOptionsResult result = Validate(Valid with { Threshold = -1 });

        Assert.Equal([Prefix + "threshold must be zero or more, but is -1"], result.Failures);
    }

    [Fact]
    public void A_configuration_built_in_code_is_named_without_a_source()
    {
        ValidateOptionsResult result = Validate(Valid with { Source = string.Empty, Threshold = -1 });

        Assert.Equal(["Governance configuration: threshold must be zero or more, but is -1"], result.Failures);
    }

    [Fact]
    public void A_zero_threshold_is_valid()
    {
        Assert.Empty(Problems(Valid with { Threshold = 0 }));
    }

    [Fact]
    public void A_duplicate_body_id_is_reported_with_both_positions()
    {
        GovernanceConfiguration configuration = WithBody(3, b => b with { Id = "cannock-chase-ccg" });

        Assert.Equal(["duplicate body id 'cannock-chase-ccg' in bodies[0] and bodies[3]"], Problems(configuration));
    }

    [Fact]
    public void A_duplicate_category_id_is_reported_with_both_positions()
    {
        GovernanceConfiguration configuration = Valid with { Categories = [.. Valid.Categories, new DecisionCategory { Id = "policy", Name = "Policy again" }] };

        Assert.Equal(["duplicate category id 'policy' in categories[3] and categories[8]"], Problems(configuration));
    }

    [Fact]
    public void A_duplicate_committee_id_within_a_body_is_reported()
    {
        GovernanceConfiguration configuration = WithBody(0, b => b with { Committees = [b.Committees[0], b.Committees[1] with { Id = "quality" }] });

        Assert.Equal(
            ["duplicate committee id 'quality' in bodies[0] (cannock-chase-ccg).committees[0] and bodies[0] (cannock-chase-ccg).committees[1]"],
            Problems(configuration));
    }

    [Fact]
    public void A_scheme_naming_an_unknown_category_is_reported()
    {
        GovernanceConfiguration configuration = WithScheme(0, s => s with { Reserved = [.. s.Reserved, "finance"] });

        Assert.Equal(["bodies[0] (cannock-chase-ccg).schemeOfDelegation.reserved names unknown category 'finance'"], Problems(configuration));
    }

    [Fact]
    public void A_category_both_delegated_and_reserved_is_reported()
    {
        GovernanceConfiguration configuration = WithScheme(1, s => s with { Reserved = ["policy"] });

        Assert.Equal(
            ["bodies[1] (east-staffordshire-ccg).schemeOfDelegation both delegates and reserves category 'policy'; it must be in exactly one of the two lists"],
            Problems(configuration));
    }

    [Fact]
    public void A_category_neither_delegated_nor_reserved_is_reported()
    {
        GovernanceConfiguration configuration = WithScheme(1, s => s with { Delegated = [.. s.Delegated.Where(id => id != "procurement")] });

        Assert.Equal(
            ["bodies[1] (east-staffordshire-ccg).schemeOfDelegation neither delegates nor reserves category 'procurement'; it must be in exactly one of the two lists"],
            Problems(configuration));
    }

    [Fact]
    public void A_category_listed_twice_is_reported()
    {
        GovernanceConfiguration configuration = WithScheme(6, s => s with { Reserved = [.. s.Reserved, "policy"] });

        Assert.Equal(["bodies[6] (staffordshire-county-council).schemeOfDelegation.reserved lists category 'policy' more than once"], Problems(configuration));
    }

    [Fact]
    public void A_missing_approver_email_is_reported()
    {
        GovernanceConfiguration configuration = WithGoverningBody(2, g => g with { Approver = g.Approver with { Email = " " } });

        Assert.Equal(["bodies[2] (north-staffordshire-ccg).governingBody.approver.email is missing"], Problems(configuration));
    }

    [Fact]
    public void A_missing_deputy_email_is_reported()
    {
        GovernanceConfiguration configuration = WithGoverningBody(8, g => g with { Deputy = g.Deputy with { Email = string.Empty } });

        Assert.Equal(["bodies[8] (nhs-england).governingBody.deputy.email is missing"], Problems(configuration));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.org")]
    [InlineData("a space@example.org")]
    [InlineData("nodot@localhost")]
    [InlineData("@example.org")]
    public void An_invalid_email_is_reported_with_its_value(string email)
    {
        GovernanceConfiguration configuration = WithBody(4, b => b with { Committees = [b.Committees[0] with { Chair = new Person { Name = "Chair", Email = email } }, .. b.Committees.Skip(1)] });

        Assert.Equal([$"bodies[4] (stafford-surrounds-ccg).committees[0] (quality).chair.email '{email}' is not a valid email address"], Problems(configuration));
    }

    [Fact]
    public void A_deputy_who_is_the_approver_is_reported()
    {
        GovernanceConfiguration configuration = WithGoverningBody(5, g => g with { Deputy = g.Deputy with { Email = g.Approver.Email.ToUpperInvariant() } });

        Assert.Equal(["bodies[5] (stoke-on-trent-ccg).governingBody.deputy.email is the approver's, but escalating to the deputy must reach someone else"], Problems(configuration));
    }

    [Fact]
    public void Missing_parts_are_reported_instead_of_failing_the_validator()
    {
        GovernanceConfiguration configuration = WithBody(0, b => b with { GoverningBody = null!, SchemeOfDelegation = null! }) with { Congress = null! };

        Assert.Equal(
            ["congress is missing", "bodies[0] (cannock-chase-ccg).governingBody is missing", "bodies[0] (cannock-chase-ccg).schemeOfDelegation is missing"],
            Problems(configuration));
    }

    [Fact]
    public void Empty_names_are_reported_wherever_they_are()
    {
        GovernanceConfiguration configuration = WithBody(7, b => b with
        {
            Name = " ",
            GoverningBody = b.GoverningBody with { Name = string.Empty, Approver = b.GoverningBody.Approver with { Name = string.Empty } },
            Committees = [b.Committees[0] with { Name = string.Empty }, .. b.Committees.Skip(1)],
        });
        configuration = configuration with
        {
            Congress = configuration.Congress with { Name = string.Empty, Chair = configuration.Congress.Chair with { Name = string.Empty } },
            Categories = [configuration.Categories[0] with { Name = string.Empty }, .. configuration.Categories.Skip(1)],
        };

        Assert.Equal(
            [
                "congress.name is empty",
                "congress.chair.name is empty",
                "categories[0] (service-change).name is empty",
                "bodies[7] (stoke-on-trent-city-council).name is empty",
                "bodies[7] (stoke-on-trent-city-council).governingBody.name is empty",
                "bodies[7] (stoke-on-trent-city-council).governingBody.approver.name is empty",
                "bodies[7] (stoke-on-trent-city-council).committees[0] (health-and-wellbeing).name is empty",
            ],
            Problems(configuration));
    }

    [Theory]
    [InlineData("Cannock Chase")]
    [InlineData("cannock--chase")]
    [InlineData("-cannock")]
    [InlineData("cannock_chase")]
    public void A_body_id_that_is_not_lowercase_words_joined_by_hyphens_is_reported(string id)
    {
        GovernanceConfiguration configuration = WithBody(0, b => b with { Id = id });

        Assert.Equal([$"bodies[0].id '{id}' must be at most 64 lowercase letters, digits and single hyphens between them"], Problems(configuration));
    }

    [Fact]
    public void An_id_longer_than_64_characters_is_reported()
    {
        string id = new('a', 65);
        GovernanceConfiguration configuration = WithBody(0, b => b with { Id = id });

        Assert.Equal([$"bodies[0].id '{id}' must be at most 64 lowercase letters, digits and single hyphens between them"], Problems(configuration));
    }

    [Fact]
    public void Empty_ids_are_reported()
    {
        GovernanceConfiguration configuration = WithBody(1, b => b with { Id = string.Empty, Committees = [b.Committees[0] with { Id = string.Empty }, .. b.Committees.Skip(1)] });

        Assert.Equal(["bodies[1].id is empty", "bodies[1].committees[0].id is empty"], Problems(configuration));
    }

    [Fact]
    public void No_bodies_and_no_categories_are_reported()
    {
        Assert.Equal(
            ["categories is empty: at least one decision category is needed", "bodies is empty: the congress needs at least one member body"],
            Problems(Valid with { Bodies = [], Categories = [] }));
    }

    [Fact]
    public void Undefined_kind_and_policy_values_are_reported()
    {
        GovernanceConfiguration configuration = WithBody(0, b => b with { Kind = (MemberBodyKind)7 }) with { Policy = (OutcomePolicy)5 };

        Assert.Equal(
            [
                "bodies[0] (cannock-chase-ccg).kind must be one of ClinicalCommissioningGroup, Council, NhsEngland, but is 7",
                "policy must be Unanimity or Majority, but is 5",
            ],
            Problems(configuration));
    }

    [Fact]
    public void The_secretary_is_optional_but_checked_when_present()
    {
        Assert.Empty(Problems(Valid with { Congress = Valid.Congress with { Secretary = null } }));
        Assert.Equal(
            ["congress.secretary.email 'secretary' is not a valid email address"],
            Problems(Valid with { Congress = Valid.Congress with { Secretary = new Person { Name = "S", Email = "secretary" } } }));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        GovernanceConfiguration configuration = WithBody(3, b => b with { Id = "east-staffordshire-ccg" }) with { Threshold = -0.01m };
        configuration = configuration with
        {
            Bodies = [.. configuration.Bodies.Select((b, i) => i == 0 ? b with { GoverningBody = b.GoverningBody with { Approver = b.GoverningBody.Approver with { Email = "nobody" } } } : b)],
        };

        ValidateOptionsResult result = Validate(configuration);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                Prefix + "bodies[0] (cannock-chase-ccg).governingBody.approver.email 'nobody' is not a valid email address",
                Prefix + "duplicate body id 'east-staffordshire-ccg' in bodies[1] and bodies[3]",
                Prefix + "threshold must be zero or more, but is -0.01",
            ],
            result.Failures);
    }

    private static ValidateOptionsResult Validate(GovernanceConfiguration configuration) =>
        new GovernanceConfigurationValidator().Validate(Options.DefaultName, configuration);

    private static string[] Problems(GovernanceConfiguration configuration) =>
        [.. (Validate(configuration).Failures ?? []).Select(f => f[Prefix.Length..])];

    private static GovernanceConfiguration WithBody(int index, Func<MemberBody, MemberBody> change) =>
        Valid with { Bodies = [.. Valid.Bodies.Select((b, i) => i == index ? change(b) : b)] };

    private static GovernanceConfiguration WithGoverningBody(int index, Func<GoverningBody, GoverningBody> change) =>
        WithBody(index, b => b with { GoverningBody = change(b.GoverningBody) });

    private static GovernanceConfiguration WithScheme(int index, Func<SchemeOfDelegation, SchemeOfDelegation> change) =>
        WithBody(index, b => b with { SchemeOfDelegation = change(b.SchemeOfDelegation) });
}
