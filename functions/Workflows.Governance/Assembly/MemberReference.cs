namespace Workflows.Governance.Assembly;

/// <summary>A member CCG as a record names it.</summary>
/// <param name="Id">The member's id.</param>
/// <param name="Name">The member's name.</param>
public sealed record MemberReference(string Id, string Name);
