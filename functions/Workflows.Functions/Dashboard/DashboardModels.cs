using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.Functions.Proposals;

namespace Workflows.Functions.Dashboard;

/// <summary>The instance list's filters, as given in the query string.</summary>
internal sealed record InstanceFilter
{
    public string? Name { get; init; }

    public string? Prefix { get; init; }

    public string? CustomStatus { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Token { get; init; }

    public bool Refresh { get; init; }

    public List<OrchestrationRuntimeStatus> Statuses { get; } = [];

    public int PageSize { get; set; } = DashboardHandlers.DefaultPageSize;

    public InstanceOrderBy OrderBy { get; set; }

    public bool Ascending { get; set; }
}

/// <summary>What the instance list shows.</summary>
internal sealed class InstancesModel
{
    public required InstanceFilter Filter { get; init; }

    public required IReadOnlyList<string> Errors { get; init; }

    public IReadOnlyList<OrchestrationMetadata> Instances { get; set; } = [];

    public string? NextToken { get; set; }

    public Dictionary<OrchestrationRuntimeStatus, long> Counts { get; } = [];

    public WorkBacklog? Backlog { get; set; }

    /// <summary>What the store can do beyond the SDK's query; the page leaves out, and says it leaves out, the rest.</summary>
    public InstanceQueryCapabilities Capabilities { get; init; } = InstanceQueryCapabilities.All;
}

/// <summary>The raise-event form's values, kept after an error.</summary>
internal sealed record RaiseForm(string? EventName, string? Payload);

/// <summary>What the instance page shows.</summary>
internal sealed record InstanceModel(OrchestrationMetadata Metadata, IList<HistoryEvent> History, string? Error, RaiseForm Raise, DateTime Now)
{
    /// <summary>Whether every history event is listed, not only the latest.</summary>
    public bool AllHistory { get; init; }
}

/// <summary>A proposal on the board, with its bodies' live states.</summary>
internal sealed record ProposalCard(OrchestrationMetadata Instance, ProposalStatus Status, IReadOnlyList<ParticipantStatus> Bodies);

/// <summary>An anti-forgery token for a form.</summary>
internal sealed record FormToken(string FieldName, string Value);

/// <summary>What every page's layout needs.</summary>
internal sealed record PageContext(FormToken Token, Flash? Flash, bool OutboxActive, bool Refresh, string CurrentUrl);
