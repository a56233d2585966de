namespace Workflows.Governance.Dashboard;

/// <summary>What the assembly board shows.</summary>
/// <param name="Lists">The rounds of each kind, in the order the board shows the kinds.</param>
/// <param name="FiltersByOrchestrator">Whether the store finds a kind's rounds by their orchestrator; without it they are
/// picked out of the latest instances of any kind, and the board says so.</param>
public sealed record AssemblyBoardModel(IReadOnlyList<AssemblyRoundList> Lists, bool FiltersByOrchestrator);
