namespace Workflows.Governance.Proposals;

/// <summary>A new deadline for the pending decisions of a proposal.</summary>
/// <param name="Deadline">The new deadline (UTC); it must be later than the current one.</param>
/// <param name="By">Who extended it.</param>
public sealed record DeadlineExtension(DateTime Deadline, string By);
