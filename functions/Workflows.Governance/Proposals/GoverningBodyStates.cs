using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Governance.Proposals;

/// <summary>The one place that works out a proposal's governing bodies as they stand now. The proposal records a body's
/// state when the body's approval ends; until then the body's own workflow has the live state (reminders sent,
/// escalation, a decision not yet collected by the proposal). The API, the approval pages and the dashboard all read
/// bodies through this.</summary>
public static class GoverningBodyStates
{
    /// <summary>The bodies of <paramref name="status"/>, each still pending one replaced by its own workflow's status;
    /// unchanged outside the governing-bodies stage. One query (by instance-id prefix) reads every body's workflow.</summary>
    /// <param name="client">The client.</param>
    /// <param name="proposalId">The proposal (its instance id).</param>
    /// <param name="status">The proposal's status as it recorded it.</param>
    /// <param name="unreadable">Called with the instance id of a body workflow whose status cannot be read.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyList<ParticipantStatus>> LiveAsync(
        DurableTaskClient client, string proposalId, ProposalStatus status, Action<string>? unreadable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(status);
        if (status.Stage != ProposalStage.GoverningBodies || !status.Bodies.Any(b => b.State == ParticipantState.Pending))
        {
            return status.Bodies;
        }

        var query = new OrchestrationQuery(
            InstanceIdPrefix: GoverningBodyApprovalOrchestrator.InstanceIdFor(proposalId, string.Empty),
            PageSize: 1000,
            FetchInputsAndOutputs: true);
        var live = new Dictionary<string, ParticipantStatus>(StringComparer.Ordinal);
        await foreach (Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(query).AsPages(pageSizeHint: query.PageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (OrchestrationMetadata child in page.Values.Where(i => string.Equals(i.Name, nameof(GoverningBodyApprovalOrchestrator), StringComparison.Ordinal)))
            {
                try
                {
                    if (child.ReadCustomStatusAs<ParticipantStatus>() is { } state)
                    {
                        live[state.Id] = state;
                    }
                }
                catch (JsonException)
                {
                    unreadable?.Invoke(child.InstanceId);
                }
            }

            // A proposal has at most a few dozen bodies: one page holds them all.
            break;
        }

        return [.. status.Bodies.Select(b => b.State == ParticipantState.Pending && live.TryGetValue(b.Id, out ParticipantStatus? now) ? now : b)];
    }
}
