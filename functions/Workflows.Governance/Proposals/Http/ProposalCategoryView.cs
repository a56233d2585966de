namespace Workflows.Governance.Proposals.Http;

/// <summary>A proposal's decision category.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name in the configuration in force; null when the configuration no longer has it.</param>
internal sealed record ProposalCategoryView(string Id, string? Name);
