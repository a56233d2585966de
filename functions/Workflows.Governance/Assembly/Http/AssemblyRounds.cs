using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Instances;

namespace Workflows.Governance.Assembly.Http;

/// <summary>Reads the assembly's rounds from their workflows' statuses, never from a second store: for a nomination
/// round, the CCGs still nominating are read from their own instances.</summary>
internal sealed class AssemblyRounds
{
    /// <summary>The most rounds of a kind the board lists.</summary>
    public const int BoardLimit = 50;

    private readonly InstanceReader instances;

    public AssemblyRounds(InstanceReader instances)
    {
        this.instances = instances;
    }

    /// <summary>The client the rounds are read with.</summary>
    public DurableTaskClient Client => this.instances.Client;

    /// <summary>The round <paramref name="id"/> of <paramref name="kind"/>, or null when there is none (or the id names
    /// an instance of another orchestrator).</summary>
    public async Task<RoundSnapshot?> LoadAsync(AssemblyRoundKind kind, string id, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !string.Equals(instance.Name, kind.Orchestrator, StringComparison.Ordinal))
        {
            return null;
        }

        return await this.SnapshotAsync(kind, instance, cancellationToken);
    }

    /// <summary>The rounds of <paramref name="kind"/>, at most <see cref="BoardLimit"/>, newest first, and whether there
    /// were more.</summary>
    public async Task<(IReadOnlyList<RoundSnapshot> Rounds, bool Truncated)> ListAsync(AssemblyRoundKind kind, CancellationToken cancellationToken)
    {
        var page = await this.instances.OfOrchestratorAsync(kind.Orchestrator, null, null, BoardLimit, null, cancellationToken);
        var rounds = new List<RoundSnapshot>();
        foreach (OrchestrationMetadata instance in page.Instances.OrderByDescending(i => i.CreatedAt))
        {
            rounds.Add(await this.SnapshotAsync(kind, instance, cancellationToken));
        }

        return (rounds, page.ContinuationToken is not null);
    }

    /// <summary>The status of a CCG's nomination in a round, live while it runs; null when it has not published one.</summary>
    public async Task<(OrchestrationMetadata? Instance, CcgNominationStatus? Status)> NominationAsync(string roundId, string memberId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? child = await this.Client.GetInstanceAsync(NominationRoundOrchestrator.InstanceIdFor(roundId, memberId), getInputsAndOutputs: true, cancellationToken);
        return (child, child is null ? null : Read<CcgNominationStatus>(child));
    }

    private async Task<RoundSnapshot> SnapshotAsync(AssemblyRoundKind kind, OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        IAssemblyRoundStatus? status = Read(kind, instance);
        if (status is NominationRoundStatus round && round.State == RoundState.Open)
        {
            var members = new List<CcgNominationStatus>();
            foreach (CcgNominationStatus member in round.Members)
            {
                members.Add(member.Finished ? member : (await this.NominationAsync(round.RoundId, member.MemberId, cancellationToken)).Status ?? member);
            }

            status = round with { Members = members };
        }

        return new RoundSnapshot(kind, instance, status);
    }

    // An operator may have set a status of another shape on an instance; it is then shown as not yet published.
    private static IAssemblyRoundStatus? Read(AssemblyRoundKind kind, OrchestrationMetadata instance)
    {
        try
        {
            return kind.ReadStatus(instance);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static T? Read<T>(OrchestrationMetadata instance)
        where T : class
    {
        try
        {
            return instance.ReadCustomStatusAs<T>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
