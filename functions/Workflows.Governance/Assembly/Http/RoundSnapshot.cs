using Microsoft.DurableTask.Client;

namespace Workflows.Governance.Assembly.Http;

/// <summary>A round as read now: its instance, its status (null until the workflow has published one) and, for a
/// nomination round, each CCG's live status.</summary>
/// <param name="Kind">The kind of round.</param>
/// <param name="Instance">Its orchestration instance.</param>
/// <param name="Status">Its status, with live members.</param>
internal sealed record RoundSnapshot(AssemblyRoundKind Kind, OrchestrationMetadata Instance, IAssemblyRoundStatus? Status)
{
    /// <summary>The round's id.</summary>
    public string Id => this.Instance.InstanceId;

    /// <summary>Why the round takes no action now, or null when it is open.</summary>
    public string? NotOpen => this switch
    {
        { Instance.RuntimeStatus: not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended) } =>
            $"The {this.Kind.Noun} '{this.Id}' has ended ({this.Instance.RuntimeStatus}).",
        { Status: null } => $"The {this.Kind.Noun} '{this.Id}' is starting; try again in a moment.",
        { Status.State: RoundState.Closed } => $"The {this.Kind.Noun} '{this.Id}' is closed.",
        _ => null,
    };
}
