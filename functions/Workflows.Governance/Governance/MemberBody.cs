namespace Workflows.Governance.Governance;

/// <summary>An organisation that sits on the congress.</summary>
public sealed record MemberBody
{
    /// <summary>The member body's id: lowercase letters, digits and hyphens, unique in the congress.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The member body's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What kind of organisation it is.</summary>
    public MemberBodyKind Kind { get; init; }

    /// <summary>The board that approves significant decisions for it.</summary>
    public GoverningBody GoverningBody { get; init; } = new();

    /// <summary>The committees that may raise proposals.</summary>
    public IReadOnlyList<Committee> Committees { get; init; } = [];

    /// <summary>Which decision categories it delegates to the congress and which it reserves.</summary>
    public SchemeOfDelegation SchemeOfDelegation { get; init; } = new();

    /// <summary>The committee with the given id, or <see langword="null"/>.</summary>
    public Committee? FindCommittee(string committeeId) =>
        this.Committees.FirstOrDefault(c => string.Equals(c.Id, committeeId, StringComparison.Ordinal));

    /// <summary>Whether the member body keeps decisions of the given category for its governing body.</summary>
    public bool Reserves(string categoryId) => this.SchemeOfDelegation.Reserved.Contains(categoryId, StringComparer.Ordinal);
}
