using System.Text.Json;

namespace Workflows.Governance.Proposals.Http;

/// <summary>The JSON conventions of the proposal API: web defaults (camelCase, case-insensitive reading), with nulls
/// written, so that a field such as <c>outcome</c> is always present.</summary>
internal static class ProposalApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = false };
}
