namespace Workflows.Governance.Assembly;

/// <summary>An admin's new, later closing date for a round.</summary>
/// <param name="ClosesAt">The new closing date (UTC).</param>
/// <param name="By">Who extended it.</param>
public sealed record RoundExtension(DateTime ClosesAt, string By);
