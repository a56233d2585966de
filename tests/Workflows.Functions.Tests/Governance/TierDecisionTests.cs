using Workflows.Governance.Governance;

namespace Workflows.Functions.Tests.Governance;

public sealed class TierDecisionTests
{
    private const string Councils = "Staffordshire County Council and Stoke-on-Trent City Council";

    private static readonly GovernanceConfiguration Congress = GovernanceConfigurationLoader.LoadBuiltIn();

    [Fact]
    public void A_category_everyone_delegates_without_a_value_is_decided_at_the_congress()
    {
        TierDecision decision = Congress.Decide("service-change", value: null, referredByCongress: false);

        Assert.Equal(DecisionTier.Congress, decision.Tier);
        Assert.False(decision.IsSignificant);
        Assert.Equal("Delegated to the congress by every member body", decision.Reason);
    }

    [Theory]
    [InlineData(0, "£0")]
    [InlineData(999_999.99, "£999,999.99")]
    [InlineData(1_000_000, "£1,000,000")]
    public void A_value_up_to_and_including_the_threshold_stays_at_the_congress(double value, string pounds)
    {
        TierDecision decision = Congress.Decide("procurement", (decimal)value, referredByCongress: false);

        Assert.Equal(DecisionTier.Congress, decision.Tier);
        Assert.Equal($"Delegated to the congress by every member body; value {pounds} is within the £1,000,000 threshold", decision.Reason);
    }

    [Theory]
    [InlineData(1_000_000.01, "Value £1,000,000.01 is over the £1,000,000 threshold")]
    [InlineData(2_500_000, "Value £2,500,000 is over the £1,000,000 threshold")]
    public void A_value_over_the_threshold_is_significant(double value, string reason)
    {
        TierDecision decision = Congress.Decide("financial-commitment", (decimal)value, referredByCongress: false);

        Assert.Equal(DecisionTier.GoverningBodies, decision.Tier);
        Assert.True(decision.IsSignificant);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void A_category_two_bodies_reserve_is_significant_and_names_both()
    {
        TierDecision decision = Congress.Decide("policy", value: null, referredByCongress: false);

        Assert.Equal(DecisionTier.GoverningBodies, decision.Tier);
        Assert.Equal($"Reserved to their governing bodies by {Councils}", decision.Reason);
    }

    [Fact]
    public void A_category_three_bodies_reserve_lists_them_in_configuration_order()
    {
        TierDecision decision = Congress.Decide("strategy", value: 10m, referredByCongress: false);

        Assert.Equal(DecisionTier.GoverningBodies, decision.Tier);
        Assert.Equal("Reserved to their governing bodies by NHS North Staffordshire CCG, Staffordshire County Council and Stoke-on-Trent City Council", decision.Reason);
    }

    [Fact]
    public void A_category_one_body_reserves_speaks_of_its_governing_body()
    {
        GovernanceConfiguration configuration = Congress with
        {
            Bodies = [.. Congress.Bodies.Select(b => b.Id == "stoke-on-trent-ccg" ? b : b with { SchemeOfDelegation = DelegatingAll(b) })],
        };

        TierDecision decision = configuration.Decide("pooled-budget", value: null, referredByCongress: false);

        Assert.Equal(DecisionTier.GoverningBodies, decision.Tier);
        Assert.Equal("Reserved to its governing body by NHS Stoke-on-Trent CCG", decision.Reason);
    }

    [Fact]
    public void A_referral_by_the_congress_makes_a_delegated_decision_significant()
    {
        TierDecision decision = Congress.Decide("service-change", value: 5_000m, referredByCongress: true);

        Assert.Equal(DecisionTier.GoverningBodies, decision.Tier);
        Assert.Equal("Referred to member bodies by the congress", decision.Reason);
    }

    [Fact]
    public void Every_reason_that_applies_is_given_in_order()
    {
        TierDecision decision = Congress.Decide("policy", value: 2_500_000m, referredByCongress: true);

        Assert.Equal(DecisionTier.GoverningBodies, decision.Tier);
        Assert.Equal(
            $"Referred to member bodies by the congress; reserved to their governing bodies by {Councils}; value £2,500,000 is over the £1,000,000 threshold",
            decision.Reason);
    }

    [Fact]
    public void A_reserved_category_over_the_threshold_gives_both_reasons()
    {
        TierDecision decision = Congress.Decide("policy", value: 1_000_001m, referredByCongress: false);

        Assert.Equal($"Reserved to their governing bodies by {Councils}; value £1,000,001 is over the £1,000,000 threshold", decision.Reason);
    }

    [Fact]
    public void A_zero_threshold_makes_any_positive_value_significant()
    {
        GovernanceConfiguration configuration = Congress with { Threshold = 0 };

        Assert.Equal(DecisionTier.Congress, configuration.Decide("procurement", 0m, referredByCongress: false).Tier);
        Assert.Equal("Value £0.01 is over the £0 threshold", configuration.Decide("procurement", 0.01m, referredByCongress: false).Reason);
    }

    [Fact]
    public void An_unknown_category_is_refused()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Congress.Decide("finance", value: null, referredByCongress: false));

        Assert.Equal("categoryId", e.ParamName);
        Assert.StartsWith("Unknown decision category 'finance'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_value_is_refused()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Congress.Decide("procurement", -1m, referredByCongress: false));

        Assert.Equal("value", e.ParamName);
    }

    private static SchemeOfDelegation DelegatingAll(MemberBody body) =>
        new() { Delegated = [.. body.SchemeOfDelegation.Delegated, .. body.SchemeOfDelegation.Reserved], Reserved = [] };
}
