using Microsoft.DurableTask.Client;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Dashboard;

/// <summary>A proposal on the board, with its bodies' live states.</summary>
/// <param name="Instance">The proposal's instance.</param>
/// <param name="Status">Its published status.</param>
/// <param name="Bodies">Each member body's state, live while its round runs.</param>
public sealed record ProposalCard(OrchestrationMetadata Instance, ProposalStatus Status, IReadOnlyList<ParticipantStatus> Bodies);
