namespace Workflows.Fuzz;

/// <summary>The valid state the fuzzer starts from and mutates: the admin key, the proposals it started, the approval
/// tokens their emails carry and the ids of the congress's bodies.</summary>
/// <param name="AdminKey">The service's admin key.</param>
/// <param name="ProposalIds">Proposals started by the seeding.</param>
/// <param name="ApprovalTokens">Tokens of the approval links in the outbox.</param>
/// <param name="BodyIds">Member body ids of the congress.</param>
public sealed record FuzzTargets(string AdminKey, IReadOnlyList<string> ProposalIds, IReadOnlyList<string> ApprovalTokens, IReadOnlyList<string> BodyIds);
