using System.Globalization;
using System.Text.Json.Serialization;

namespace Workflows.Governance.Governance;

/// <summary>The congress in force: its member bodies, decision categories, significance threshold and outcome policy,
/// with the tier rules that follow from them. Read from the built-in Staffordshire congress, or from the file that
/// <c>Governance:ConfigurationFile</c> names, and validated at start.</summary>
public sealed record GovernanceConfiguration
{
    /// <summary>The configuration section of the governance settings.</summary>
    public const string SectionName = "Governance";

    /// <summary>The configuration key of an optional path (relative to the working directory) of a JSON file that replaces
    /// the built-in configuration.</summary>
    public const string ConfigurationFileKey = SectionName + ":ConfigurationFile";

    /// <summary>The congress and its officers.</summary>
    public Congress Congress { get; init; } = new();

    /// <summary>The member bodies, in the order they are listed to people.</summary>
    public IReadOnlyList<MemberBody> Bodies { get; init; } = [];

    /// <summary>The decision categories a proposal can be in.</summary>
    public IReadOnlyList<DecisionCategory> Categories { get; init; } = [];

    /// <summary>The value in GBP above which a decision is significant whatever its category.</summary>
    public decimal Threshold { get; init; }

    /// <summary>How the governing bodies' answers combine; <see cref="OutcomePolicy.Unanimity"/> by default.</summary>
    public OutcomePolicy Policy { get; init; } = OutcomePolicy.Unanimity;

    /// <summary>Where the configuration was read from, for messages.</summary>
    [JsonIgnore]
    public string Source { get; init; } = string.Empty;

    /// <summary>The member body with the given id, or <see langword="null"/>.</summary>
    public MemberBody? FindBody(string bodyId) =>
        this.Bodies.FirstOrDefault(b => string.Equals(b.Id, bodyId, StringComparison.Ordinal));

    /// <summary>The decision category with the given id, or <see langword="null"/>.</summary>
    public DecisionCategory? FindCategory(string categoryId) =>
        this.Categories.FirstOrDefault(c => string.Equals(c.Id, categoryId, StringComparison.Ordinal));

    /// <summary>The member bodies that reserve the category to their governing body, in configuration order.</summary>
    public IReadOnlyList<MemberBody> ReservedBy(string categoryId) => [.. this.Bodies.Where(b => b.Reserves(categoryId))];

    /// <summary>Decides who takes a proposed decision. It is significant (tier 2) when the congress referred it to the
    /// member bodies, when any member body reserves its category, or when its value is over (strictly above) the
    /// threshold; otherwise the congress decides it (tier 1). The reason names every rule that applies.</summary>
    /// <param name="categoryId">The decision's category.</param>
    /// <param name="value">The decision's value in GBP, when it has one.</param>
    /// <param name="referredByCongress">Whether the congress chair referred the decision to the member bodies.</param>
    /// <exception cref="ArgumentException">The category is not configured.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TierDecision Decide(string categoryId, decimal? value, bool referredByCongress)
    {
        ArgumentNullException.ThrowIfNull(categoryId);
        if (this.FindCategory(categoryId) is null)
        {
            throw new ArgumentException($"Unknown decision category '{categoryId}'.", nameof(categoryId));
        }

        if (value is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A decision's value cannot be negative.");
        }

        var reasons = new List<string>();
        if (referredByCongress)
        {
            reasons.Add("referred to member bodies by the congress");
        }

        IReadOnlyList<MemberBody> reservedBy = this.ReservedBy(categoryId);
        if (reservedBy.Count > 0)
        {
            string to = reservedBy.Count == 1 ? "its governing body" : "their governing bodies";
            reasons.Add($"reserved to {to} by {JoinNames(reservedBy.Select(b => b.Name))}");
        }

        if (value is { } amount && amount > this.Threshold)
        {
            reasons.Add($"value {Pounds(amount)} is over the {Pounds(this.Threshold)} threshold");
        }

        if (reasons.Count > 0)
        {
            string reason = string.Join("; ", reasons);
            return new TierDecision(DecisionTier.GoverningBodies, string.Concat(reason[..1].ToUpperInvariant(), reason.AsSpan(1)));
        }

        string delegated = "Delegated to the congress by every member body";
        return new TierDecision(
            DecisionTier.Congress,
            value is { } within ? $"{delegated}; value {Pounds(within)} is within the {Pounds(this.Threshold)} threshold" : delegated);
    }

    /// <summary>The outcome so far of a significant decision from each governing body's state, under <see cref="Policy"/>;
    /// see <see cref="OutcomeTally.Outcome(OutcomePolicy)"/>.</summary>
    public ProposalOutcome? Outcome(IEnumerable<BodyApprovalState> states) => OutcomeTally.Of(states).Outcome(this.Policy);

    private static string JoinNames(IEnumerable<string> names)
    {
        string[] all = [.. names];
        return all.Length == 1 ? all[0] : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }

    // The invariant culture groups thousands with commas as en-GB does; the app runs with invariant globalization.
    private static string Pounds(decimal amount) =>
        "£" + amount.ToString(decimal.IsInteger(amount) ? "N0" : "N2", CultureInfo.InvariantCulture);
}
