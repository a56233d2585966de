using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Functions.Proposals.Http;

/// <summary>A proposal as its workflow reports it now: the instance, its input, and its status (the custom status while
/// it runs, the output once it completed), with each governing body's live state when asked for.</summary>
internal sealed class ProposalSnapshot
{
    private ProposalSnapshot(OrchestrationMetadata metadata, ProposalInput input, ProposalStatus status)
    {
        this.Metadata = metadata;
        this.Input = input;
        this.Status = status;
    }

    public OrchestrationMetadata Metadata { get; }

    public ProposalInput Input { get; }

    /// <summary>The status; its bodies are the governing bodies' live states when loaded with them.</summary>
    public ProposalStatus Status { get; private set; }

    public string Id => this.Metadata.InstanceId;

    public ProposalStage Stage => this.Status.Stage;

    /// <summary>Whether the workflow still runs (or is about to, or is suspended), so that events reach it.</summary>
    public bool IsLive => this.Metadata.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    /// <summary>The deadline of the decisions pending now. At the first two stages it is the one participant's, which an
    /// extension moves.</summary>
    public DateTime? Deadline => Utc(this.Stage switch
    {
        ProposalStage.CommitteeSignOff => this.Status.Committee?.Deadline ?? this.Status.Deadline,
        ProposalStage.Congress => this.Status.Congress?.Deadline ?? this.Status.Deadline,
        _ => this.Status.Deadline,
    });

    /// <summary>The committee's state; Pending before the workflow first ran.</summary>
    public ParticipantStatus Committee =>
        this.Status.Committee ?? new ParticipantStatus { Id = this.Input.Plan.Committee.Id, Name = this.Input.Plan.Committee.Name };

    /// <summary>Why no admin action applies to the proposal any more, or null while one may.</summary>
    public string? Finished => this switch
    {
        { Stage: ProposalStage.Decided } => $"Proposal '{this.Id}' is decided: {this.Status.Outcome}.",
        { IsLive: false } => $"The workflow of proposal '{this.Id}' is {this.Metadata.RuntimeStatus}; it takes no more actions.",
        _ => null,
    };

    /// <summary>Reads the proposal <paramref name="id"/>: null when no instance has that id, when it is not a
    /// <see cref="ProposalOrchestrator"/>, or when its input is unreadable.</summary>
    public static async Task<ProposalSnapshot?> LoadAsync(DurableTaskClient client, string id, bool liveBodies, ILogger logger, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || From(metadata, logger) is not { } snapshot)
        {
            return null;
        }

        if (liveBodies && snapshot.Stage == ProposalStage.GoverningBodies)
        {
            await snapshot.OverlayBodiesAsync(client, logger, cancellationToken);
        }

        return snapshot;
    }

    /// <summary>The snapshot of a <see cref="ProposalOrchestrator"/> instance read with its inputs and outputs, or null.</summary>
    public static ProposalSnapshot? From(OrchestrationMetadata metadata, ILogger logger)
    {
        if (!string.Equals(metadata.Name, nameof(ProposalOrchestrator), StringComparison.Ordinal))
        {
            return null;
        }

        ProposalInput? input;
        ProposalStatus? status;
        try
        {
            input = metadata.ReadInputAs<ProposalInput>();
            status = metadata.ReadCustomStatusAs<ProposalStatus>();
            if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.ReadOutputAs<ProposalStatus>() is { } final)
            {
                status = final;
            }
        }
        catch (JsonException)
        {
            input = null;
            status = null;
        }

        if (input?.Plan is null)
        {
            ProposalApiLog.Unreadable(logger, metadata.InstanceId);
            return null;
        }

        return new ProposalSnapshot(metadata, input, status ?? new ProposalStatus { Title = input.Title, Stage = ProposalStage.CommitteeSignOff });
    }

    /// <summary>The governing body's state, or null when the proposal has no such body.</summary>
    public ParticipantStatus? FindBody(string bodyId) =>
        this.Status.Bodies.FirstOrDefault(b => string.Equals(b.Id, bodyId, StringComparison.Ordinal))
        ?? (this.Input.Plan.Bodies.FirstOrDefault(b => string.Equals(b.Id, bodyId, StringComparison.Ordinal)) is { } planned
            ? new ParticipantStatus { Id = planned.Id, Name = planned.Name, State = this.Stage == ProposalStage.GoverningBodies ? "Pending" : "NotAsked" }
            : null);

    private static DateTime? Utc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;

    // The proposal records a body's state when its approval ends; until then the body's own workflow has the live state
    // (reminders sent, escalation, a decision not yet collected).
    private async Task OverlayBodiesAsync(DurableTaskClient client, ILogger logger, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery(
            InstanceIdPrefix: GoverningBodyApprovalOrchestrator.InstanceIdFor(this.Id, string.Empty),
            PageSize: 1000,
            FetchInputsAndOutputs: true);
        var live = new Dictionary<string, ParticipantStatus>(StringComparer.Ordinal);
        await foreach (Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(query).AsPages(pageSizeHint: query.PageSize).WithCancellation(cancellationToken))
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
                    ProposalApiLog.Unreadable(logger, child.InstanceId);
                }
            }

            break;
        }

        this.Status = this.Status with
        {
            Bodies = [.. this.Status.Bodies.Select(b => b.State == "Pending" && live.TryGetValue(b.Id, out ParticipantStatus? now) ? now : b)],
        };
    }
}
