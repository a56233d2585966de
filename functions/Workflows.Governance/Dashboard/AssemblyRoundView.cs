using Microsoft.DurableTask.Client;
using Workflows.Governance.Assembly;

namespace Workflows.Governance.Dashboard;

/// <summary>A round of the commissioning assembly as the board shows it, read from its workflow's status.</summary>
/// <param name="Kind">Its kind's path segment: <c>nominations</c>, <c>consultations</c> or <c>work-programme</c>.</param>
/// <param name="KindName">Its kind in words, such as "nomination round".</param>
/// <param name="Instance">Its orchestration instance.</param>
/// <param name="Status">Its published status, with each CCG's live state in an open nomination round; null until the
/// workflow has published one (or when the instance carries a status of another shape).</param>
public sealed record AssemblyRoundView(string Kind, string KindName, OrchestrationMetadata Instance, IAssemblyRoundStatus? Status)
{
    /// <summary>The round's id, its instance's.</summary>
    public string Id => this.Instance.InstanceId;
}
