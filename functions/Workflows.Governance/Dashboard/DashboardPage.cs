using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.Governance.Pages;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Dashboard;

/// <summary>The dashboard's pages (Razor components in <c>Dashboard/Pages</c>, rendered on the server by
/// <see cref="RazorPageResult{TComponent}"/> in the one layout): their stylesheet and the one tiny script (the
/// confirmations), both allowed by their hashes in the Content-Security-Policy, and the words, numbers and links the
/// pages show.</summary>
internal static class DashboardPage
{
    private const string Style = """

        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f4f5f7; color: #1d2329; line-height: 1.4; font-size: 14px; }
        nav { background: #1d2329; color: #fff; padding: .5rem 1.5rem; display: flex; gap: 1.25rem; align-items: center; }
        nav a { color: #fff; text-decoration: none; font-weight: 600; }
        nav form { margin-left: auto; }
        nav button { background: transparent; border: 1px solid #8a939c; color: #fff; padding: .2rem .7rem; margin: 0; }
        main { margin: 1rem 1.5rem; }
        h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        table { border-collapse: collapse; background: #fff; width: 100%; }
        th, td { border: 1px solid #d8dce1; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eceef1; }
        pre { background: #fff; border: 1px solid #d8dce1; padding: .5rem; overflow: auto; max-height: 24rem; margin: 0; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; background: #fff; border: 1px solid #d8dce1; padding: .75rem; margin-bottom: 1rem; }
        .filters label { display: flex; flex-direction: column; font-weight: 600; }
        .filters fieldset { border: 0; padding: 0; margin: 0; }
        .filters fieldset label { display: inline; font-weight: normal; margin-right: .5rem; }
        input, textarea, select { font: inherit; padding: .25rem; border: 1px solid #b8bfc7; border-radius: 3px; }
        textarea { width: 100%; box-sizing: border-box; }
        button { font: inherit; font-weight: 600; padding: .35rem .9rem; border: 0; border-radius: 3px; background: #1d4f91; color: #fff; cursor: pointer; margin-top: .25rem; }
        button.danger { background: #b3261e; }
        .counts { display: flex; gap: .5rem; margin-bottom: 1rem; flex-wrap: wrap; }
        .counts a { background: #fff; border: 1px solid #d8dce1; padding: .3rem .7rem; border-radius: 4px; text-decoration: none; color: inherit; }
        .status { font-weight: 600; }
        .status-Running, .state-Pending { color: #1d4f91; }
        .status-Completed, .state-Approved { color: #1e7a3d; }
        .status-Failed, .status-Terminated, .state-Rejected { color: #b3261e; }
        .status-Suspended, .status-Pending, .state-NoResponse, .state-Referred { color: #8a5a00; }
        .flash { border-left: 4px solid #1e7a3d; background: #eef8f1; padding: .5rem 1rem; margin-bottom: 1rem; }
        .error { border-left: 4px solid #b3261e; background: #fcefee; padding: .5rem 1rem; margin-bottom: 1rem; }
        .small { color: #56606b; font-size: .9em; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; background: #fff; border: 1px solid #d8dce1; padding: .75rem; }
        dt { font-weight: 600; color: #4a5560; }
        dd { margin: 0; }
        .actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .75rem; }
        .actions form { background: #fff; border: 1px solid #d8dce1; padding: .6rem; }
        .actions label { display: block; font-weight: 600; margin-top: .25rem; }
        svg.timeline { background: #fff; border: 1px solid #d8dce1; font-size: 12px; }
        svg.timeline text { fill: #1d2329; }
        svg.timeline text.axis { fill: #56606b; }
        rect.bar { fill: #1d4f91; }
        rect.bar.timer { fill: #8a5a00; }
        rect.bar.sub-orchestration { fill: #5b3e96; }
        rect.bar.event { fill: #00796b; }
        rect.bar.failed { fill: #b3261e; }
        rect.bar.running, rect.bar.waiting { opacity: .45; }
        .board { display: grid; gap: .75rem; }
        .column { background: #e8ebef; padding: .5rem; border-radius: 4px; min-width: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 46rem), 1fr)); gap: .5rem; align-items: start; }
        .column h2 { margin: 0; grid-column: 1 / -1; }
        .card { background: #fff; border: 1px solid #d8dce1; border-radius: 4px; padding: .5rem; overflow-x: auto; }
        .card h3 { font-size: 1rem; margin: 0 0 .25rem; }
        .card table { font-size: .9em; margin-top: .4rem; }
        .notice { border-left: 4px solid #8a5a00; background: #fdf6ea; padding: .5rem 1rem; margin-bottom: 1rem; }
        .lead { font-size: 1.05rem; margin: 0 0 1rem; }
        .rounds { margin-bottom: 1.5rem; }
        .round-Open, .member-waiting, .member-Invited, .member-Returned { color: #1d4f91; font-weight: 600; }
        .round-Closed { color: #56606b; font-weight: 600; }
        .member-done, .member-Nominated, .member-Accepted { color: #1e7a3d; font-weight: 600; }
        .member-Unreviewed, .member-NoNomination { color: #8a5a00; font-weight: 600; }
        .signin { max-width: 24rem; margin: 4rem auto; background: #fff; border: 1px solid #d8dce1; padding: 1.5rem; border-radius: 6px; }
        .signin input { width: 100%; box-sizing: border-box; }

        """;

    private const string Script = """
        document.addEventListener('submit', function (e) { var m = e.target.getAttribute('data-confirm'); if (m && !window.confirm(m)) { e.preventDefault(); } });
        """;


    /// <summary>The pages' stylesheet and script, and the Content-Security-Policy that allows them.</summary>
    public static readonly PageStylesheet Stylesheet = new(Style, Script);

    /// <summary>How often an auto-refreshing page reloads itself.</summary>
    public const int RefreshSeconds = 10;

    /// <summary>The most history rows the instance page shows unless asked for all.</summary>
    public const int HistoryRowLimit = 1000;

    /// <summary>The instance list's columns, in order, with what each sorts by.</summary>
    public static readonly IReadOnlyList<(string Label, InstanceOrderBy OrderBy)> SortHeaders =
    [
        ("Instance", InstanceOrderBy.InstanceId), ("Orchestrator", InstanceOrderBy.Name),
        ("Created", InstanceOrderBy.CreatedTime), ("Last updated", InstanceOrderBy.LastUpdatedTime),
    ];

    /// <summary>The instance page's actions but raise: what each is called, what its dialog asks, whether it destroys
    /// something, and which extra field its form has.</summary>
    public static readonly IReadOnlyList<InstanceAction> Actions =
    [
        new("terminate", "Terminate", "Terminate this instance? It cannot be resumed.", true, InstanceActionField.Reason),
        new("suspend", "Suspend", "Suspend this instance?", false, InstanceActionField.Reason),
        new("resume", "Resume", "Resume this instance?", false, InstanceActionField.Reason),
        new("rewind", "Rewind", "Rewind this failed instance to retry its failed work?", false, InstanceActionField.Reason),
        new("restart", "Restart", "Restart this instance with its original input?", false, InstanceActionField.NewInstanceId),
        new("purge", "Purge", "Purge this instance and its history? This cannot be undone.", true, InstanceActionField.None),
    ];

    /// <summary>Whether the store can sort the list by <paramref name="orderBy"/>.</summary>
    public static bool CanSort(InstancesModel model, InstanceOrderBy orderBy) =>
        model.Capabilities.HasFlag(DashboardHandlers.SortCapabilities[orderBy]);

    /// <summary>The <c>sort</c> query value of a column.</summary>
    public static string SortKey(InstanceOrderBy orderBy) => DashboardHandlers.SortKey(orderBy);

    /// <summary>Where a column header's link goes: first in the column's natural direction, then the other way.</summary>
    public static string SortUrl(InstanceFilter filter, InstanceOrderBy orderBy)
    {
        ArgumentNullException.ThrowIfNull(filter);
        bool ascending = filter.OrderBy == orderBy ? !filter.Ascending : orderBy is InstanceOrderBy.InstanceId or InstanceOrderBy.Name;
        return ListUrl(filter with { OrderBy = orderBy, Ascending = ascending });
    }

    /// <summary>The list's address under <paramref name="f"/>, with other statuses or a continuation token.</summary>
    public static string ListUrl(InstanceFilter f, IEnumerable<OrchestrationRuntimeStatus>? statuses = null, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("name", f.Name);
        Add("prefix", f.Prefix);
        Add("custom", f.CustomStatus);
        Add("from", f.From);
        Add("to", f.To);
        foreach (OrchestrationRuntimeStatus status in statuses ?? f.Statuses)
        {
            Add("status", status.ToString());
        }

        if (f.PageSize != DashboardHandlers.DefaultPageSize)
        {
            Add("size", f.PageSize.ToString(CultureInfo.InvariantCulture));
        }

        if (f.OrderBy != InstanceOrderBy.CreatedTime || f.Ascending)
        {
            Add("sort", SortKey(f.OrderBy));
            Add("dir", f.Ascending ? "asc" : "desc");
        }

        Add("token", token);
        Add("refresh", f.Refresh ? "1" : null);
        return parts.Count == 0 ? DashboardEndpoints.Route : $"{DashboardEndpoints.Route}?{string.Join('&', parts)}";
    }

    /// <summary><paramref name="url"/> with auto-refresh switched on or off.</summary>
    public static string ToggleRefresh(string url, bool on)
    {
        ArgumentNullException.ThrowIfNull(url);
        int q = url.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? url : url[..q];
        List<string> parts = q < 0 ? [] : url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("refresh=", StringComparison.Ordinal)).ToList();
        if (on)
        {
            parts.Add("refresh=1");
        }

        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }

    /// <summary>JSON indented for reading, with escapes such as <c>\u003C</c> shown as the characters they stand for
    /// (the page encodes them); text that is not JSON as it is.</summary>
    public static string Pretty(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "(none)";
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteUnescaped(writer, document.RootElement);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A failure and its inner failures, with their stack traces.</summary>
    public static string Failure(TaskFailureDetails failure)
    {
        var text = new StringBuilder();
        for (TaskFailureDetails? f = failure; f is not null; f = f.InnerFailure)
        {
            text.Append(CultureInfo.InvariantCulture, $"{f.ErrorType}: {f.ErrorMessage}\n");
            if (f.StackTrace is not null)
            {
                text.Append(f.StackTrace).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A board column's heading.</summary>
    public static string StageText(ProposalStage stage) => stage switch
    {
        ProposalStage.CommitteeSignOff => "Committee sign-off",
        ProposalStage.Congress => "Congress",
        ProposalStage.GoverningBodies => "Governing bodies",
        _ => "Decided",
    };

    /// <summary>A decision-maker's state in words.</summary>
    public static string StateText(ParticipantState state) => state switch
    {
        ParticipantState.NoResponse => "no response",
        ParticipantState.NotAsked => "not asked",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>At most <paramref name="length"/> characters of <paramref name="text"/>, marked when cut.</summary>
    public static string Truncate(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    /// <summary>A time as the lists show it.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A number as an attribute or label shows it.</summary>
    public static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);

    // Rewrites names and strings from their values, so that escapes show as the characters they stand for.
    private static void WriteUnescaped(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteUnescaped(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteUnescaped(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
