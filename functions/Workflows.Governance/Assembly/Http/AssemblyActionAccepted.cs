namespace Workflows.Governance.Assembly.Http;

/// <summary>The answer to a start or an admin action: what was sent where. The workflows act on it shortly; GET the
/// round to see the effect.</summary>
/// <param name="Id">The round.</param>
/// <param name="Action">start, close, extend, resend, nomination, review, response or interest.</param>
/// <param name="Instances">The workflow instances started or raised on.</param>
/// <param name="StatusUrl">The round's status route.</param>
internal sealed record AssemblyActionAccepted(string Id, string Action, IReadOnlyList<string> Instances, Uri StatusUrl);
