using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;

namespace Workflows.Governance.Dashboard;

/// <summary>The instance list's filters and order, as given in the query string.</summary>
public sealed record InstanceFilter
{
    /// <summary>The orchestrator's name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The instance id's prefix (<c>prefix</c>).</summary>
    public string? Prefix { get; init; }

    /// <summary>Text the custom status contains (<c>custom</c>).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The earliest creation time, as typed (<c>from</c>).</summary>
    public string? From { get; init; }

    /// <summary>The latest creation time, as typed (<c>to</c>).</summary>
    public string? To { get; init; }

    /// <summary>The continuation token of the page shown (<c>token</c>).</summary>
    public string? Token { get; init; }

    /// <summary>Whether the page reloads itself (<c>refresh=1</c>).</summary>
    public bool Refresh { get; init; }

    /// <summary>The statuses listed (<c>status</c>, repeated); all when empty.</summary>
    public List<OrchestrationRuntimeStatus> Statuses { get; } = [];

    /// <summary>How many instances a page lists (<c>size</c>).</summary>
    public int PageSize { get; set; } = DashboardHandlers.DefaultPageSize;

    /// <summary>The column the list is sorted by (<c>sort</c>).</summary>
    public InstanceOrderBy OrderBy { get; set; }

    /// <summary>Whether the order is ascending (<c>dir</c>).</summary>
    public bool Ascending { get; set; }
}
