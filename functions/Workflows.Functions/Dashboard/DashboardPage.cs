using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.Functions.Proposals;

namespace Workflows.Functions.Dashboard;

/// <summary>Renders the dashboard: server-side HTML with every value encoded, an inline stylesheet and one tiny inline
/// script (the confirmations), both allowed by their hashes in the Content-Security-Policy. Each page's <c>main</c>
/// element names the page in <c>data-page</c>.</summary>
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
        .signin { max-width: 24rem; margin: 4rem auto; background: #fff; border: 1px solid #d8dce1; padding: 1.5rem; border-radius: 6px; }
        .signin input { width: 100%; box-sizing: border-box; }

        """;

    private const string Script = """
        document.addEventListener('submit', function (e) { var m = e.target.getAttribute('data-confirm'); if (m && !window.confirm(m)) { e.preventDefault(); } });
        """;

    /// <summary>The Content-Security-Policy of every page: the inline stylesheet and script only, forms posting back here.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Sha(Style)}'; script-src 'sha256-{Sha(Script)}'; "
        + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The sign-in page.</summary>
    public static string SignIn(string action, FormToken token, string? error)
    {
        var html = new StringBuilder("<div class=\"signin\">\n<h1>Sign in to the dashboard</h1>\n");
        html.Append("<p>Enter the admin key once; the dashboard keeps a session for this browser.</p>\n");
        AppendError(html, error);
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(action)}\">\n{Hidden(token)}");
        html.Append("<label for=\"key\">Admin key</label>\n<input id=\"key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required autofocus>\n");
        html.Append("<button type=\"submit\">Sign in</button>\n</form>\n</div>\n");
        return Document("signin", "Sign in", null, html.ToString(), refresh: false);
    }

    /// <summary>The most history rows the instance page shows unless asked for all.</summary>
    public const int HistoryRowLimit = 1000;

    /// <summary>The instance list.</summary>
    public static Func<PageContext, string> Instances(InstancesModel model) => page =>
    {
        InstanceFilter f = model.Filter;
        var html = new StringBuilder("<h1>Instances</h1>\n");
        foreach (string error in model.Errors)
        {
            AppendError(html, error);
        }

        html.Append("<div class=\"counts\" data-field=\"counts\">");
        if (!model.Capabilities.HasFlag(InstanceQueryCapabilities.CountByStatus))
        {
            html.Append("<span class=\"small\" data-field=\"counts-unavailable\">Counts by status are not available on this store.</span>");
        }
        else
        {
            foreach ((OrchestrationRuntimeStatus status, long count) in model.Counts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(ListUrl(f, statuses: [status]))}\" data-status=\"{status}\"><span class=\"status status-{status}\">{status}</span> <strong data-field=\"count\">{count:N0}</strong></a>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<span class=\"small\">total <strong data-field=\"total\">{model.Counts.Values.Sum():N0}</strong></span>");
        }

        if (!model.Capabilities.HasFlag(InstanceQueryCapabilities.Backlog))
        {
            html.Append("<span class=\"small\" data-field=\"backlog-unavailable\">The backlog is not available on this store.</span>");
        }
        else if (model.Backlog is { } backlog)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"small\" data-field=\"backlog\" title=\"Work due now that no worker has taken yet\">backlog <strong data-field=\"backlog-messages\">{backlog.OrchestrationMessages:N0}</strong> orchestration messages, <strong data-field=\"backlog-activities\">{backlog.ActivityTasks:N0}</strong> activities</span>");
        }

        html.Append("</div>\n");
        html.Append(CultureInfo.InvariantCulture, $"<form class=\"filters\" method=\"get\" action=\"{DashboardEndpoints.Route}\">\n");
        if (model.Capabilities.HasFlag(InstanceQueryCapabilities.NameFilter))
        {
            html.Append(CultureInfo.InvariantCulture, $"<label>Orchestrator<input name=\"name\" value=\"{E(f.Name)}\"></label>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<label>Instance id prefix<input name=\"prefix\" value=\"{E(f.Prefix)}\"></label>\n");
        if (model.Capabilities.HasFlag(InstanceQueryCapabilities.CustomStatusFilter))
        {
            html.Append(CultureInfo.InvariantCulture, $"<label>Custom status contains<input name=\"custom\" value=\"{E(f.CustomStatus)}\"></label>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"<label>Created from (UTC)<input name=\"from\" type=\"datetime-local\" value=\"{E(f.From)}\"></label>\n");
        html.Append(CultureInfo.InvariantCulture, $"<label>Created to (UTC)<input name=\"to\" type=\"datetime-local\" value=\"{E(f.To)}\"></label>\n");
        html.Append("<fieldset><legend>Status</legend>");
        foreach (OrchestrationRuntimeStatus status in DashboardHandlers.Statuses)
        {
            string check = f.Statuses.Contains(status) ? " checked" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"status\" value=\"{status}\"{check}> {status}</label>");
        }

        html.Append("</fieldset>\n");
        html.Append(CultureInfo.InvariantCulture, $"<label>Page size<input name=\"size\" type=\"number\" min=\"1\" max=\"{DashboardHandlers.MaxPageSize}\" value=\"{f.PageSize}\"></label>\n");
        if (f.Refresh)
        {
            html.Append("<input type=\"hidden\" name=\"refresh\" value=\"1\">");
        }

        // The order survives a new filter; paging restarts.
        if (f.OrderBy != InstanceOrderBy.CreatedTime || f.Ascending)
        {
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"sort\" value=\"{DashboardHandlers.SortKey(f.OrderBy)}\"><input type=\"hidden\" name=\"dir\" value=\"{(f.Ascending ? "asc" : "desc")}\">");
        }

        html.Append("<button type=\"submit\">Filter</button></form>\n");
        if (!SortHeaders.Any(h => CanSort(model, h.OrderBy)))
        {
            html.Append("<p class=\"small\" data-field=\"sort-unavailable\">This store lists instances in its own order; sorting is not available on it.</p>\n");
        }

        html.Append("<table data-field=\"instances\">\n<thead><tr>");
        foreach ((string label, InstanceOrderBy orderBy) in SortHeaders)
        {
            html.Append(CanSort(model, orderBy) ? SortHeader(f, label, orderBy) : $"<th>{E(label)}</th>");
            if (orderBy == InstanceOrderBy.Name)
            {
                html.Append("<th>Status</th>");
            }
        }

        html.Append(f.CustomStatus is null ? string.Empty : "<th>Custom status</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (OrchestrationMetadata instance in model.Instances)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-instance=\"{E(instance.InstanceId)}\"><td><a href=\"{E(DashboardHandlers.InstancePath(instance.InstanceId))}\">{E(instance.InstanceId)}</a></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(instance.Name)}</td><td class=\"status status-{instance.RuntimeStatus}\" data-field=\"status\">{instance.RuntimeStatus}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{Time(instance.CreatedAt)}</td><td>{Time(instance.LastUpdatedAt)}</td>");
            if (f.CustomStatus is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td><code>{E(Truncate(instance.SerializedCustomStatus, 160))}</code></td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (model.Instances.Count == 0 && model.Errors.Count == 0)
        {
            html.Append("<p class=\"small\" data-field=\"empty\">No instances match.</p>\n");
        }

        html.Append("<p>");
        if (f.Token is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(ListUrl(f))}\" data-field=\"first\">First page</a> ");
        }

        if (model.NextToken is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(ListUrl(f, token: model.NextToken))}\" rel=\"next\" data-field=\"next\">Next page</a>");
        }

        html.Append("</p>\n");
        return Layout(page, "instances", "Instances", html.ToString());
    };

    /// <summary>One instance.</summary>
    public static Func<PageContext, string> Instance(InstanceModel model) => page =>
    {
        OrchestrationMetadata m = model.Metadata;
        string path = DashboardHandlers.InstancePath(m.InstanceId);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Instance <span data-field=\"instance-id\">{E(m.InstanceId)}</span></h1>\n");
        AppendError(html, model.Error);
        html.Append("<dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Orchestrator</dt><dd data-field=\"name\">{E(m.Name)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Status</dt><dd class=\"status status-{m.RuntimeStatus}\" data-field=\"status\">{m.RuntimeStatus}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Created</dt><dd>{Time(m.CreatedAt)}</dd>\n<dt>Last updated</dt><dd>{Time(m.LastUpdatedAt)}</dd>\n");
        if (HistoryEventText.ParentInstanceId(model.History) is { } parent)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Parent</dt><dd><a data-field=\"parent\" href=\"{E(DashboardHandlers.InstancePath(parent))}\">{E(parent)}</a></dd>\n");
        }

        IReadOnlyList<string> children = HistoryEventText.ChildInstanceIds(model.History);
        if (children.Count > 0)
        {
            html.Append("<dt>Children</dt><dd><ul class=\"children\">");
            foreach (string child in children)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(DashboardHandlers.InstancePath(child))}\">{E(child)}</a></li>");
            }

            html.Append("</ul></dd>\n");
        }

        html.Append("</dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Custom status</h2>\n<pre data-field=\"custom-status\" tabindex=\"0\" aria-label=\"Custom status\">{E(Pretty(m.SerializedCustomStatus))}</pre>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Input</h2>\n<pre data-field=\"input\" tabindex=\"0\" aria-label=\"Input\">{E(Pretty(m.SerializedInput))}</pre>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Output</h2>\n<pre data-field=\"output\" tabindex=\"0\" aria-label=\"Output\">{E(Pretty(m.SerializedOutput))}</pre>\n");
        if (m.FailureDetails is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Failure</h2>\n<pre data-field=\"failure\" tabindex=\"0\" aria-label=\"Failure\">{E(Failure(m.FailureDetails))}</pre>\n");
        }

        html.Append("<h2>Timeline</h2>\n");
        html.Append(DashboardTimeline.Render(model.History, model.Now, E));
        AppendActions(html, page.Token, path, model.Raise);
        html.Append(CultureInfo.InvariantCulture, $"<h2>History ({model.History.Count} events)</h2>\n");
        IEnumerable<HistoryEvent> rows = model.History;
        if (!model.AllHistory && model.History.Count > HistoryRowLimit)
        {
            // The latest events are what an operator looks for; the whole history is a click away.
            rows = model.History.Skip(model.History.Count - HistoryRowLimit);
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"small\" data-field=\"history-more\">The latest {HistoryRowLimit:N0} events are shown. <a href=\"{E(path)}?history=all\">Show all {model.History.Count:N0}</a></p>\n");
        }

        html.Append("<table class=\"history\">\n<thead><tr><th>Time</th><th>Event</th><th>Name</th><th>Task id</th><th>Details</th></tr></thead>\n<tbody>\n");
        foreach (HistoryEvent e in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-event=\"{e.EventType}\"><td>{E(DashboardTimeline.Time(e.Timestamp))}</td><td>{e.EventType}</td><td>{E(HistoryEventText.Name(e))}</td><td>{E(HistoryEventText.Task(e))}</td><td>{E(HistoryEventText.Details(e, 200))}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        return Layout(page, "instance", $"Instance {m.InstanceId}", html.ToString());
    };

    /// <summary>The proposals board.</summary>
    public static Func<PageContext, string> Proposals(IReadOnlyList<ProposalCard> cards, bool truncated) => page =>
    {
        var html = new StringBuilder("<h1>Proposals</h1>\n");
        if (truncated)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"small\">Showing the first {DashboardHandlers.BoardLimit} proposals of the store.</p>\n");
        }

        html.Append("<div class=\"board\">\n");
        foreach (ProposalStage stage in Enum.GetValues<ProposalStage>())
        {
            List<ProposalCard> column = cards.Where(c => c.Status.Stage == stage).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"column\" data-stage=\"{stage}\"><h2>{StageText(stage)} ({column.Count})</h2>\n");
            foreach (ProposalCard card in column)
            {
                AppendCard(html, card);
            }

            html.Append("</section>\n");
        }

        html.Append("</div>\n");
        return Layout(page, "proposals", "Proposals", html.ToString());
    };

    /// <summary>The page for an unknown instance.</summary>
    public static Func<PageContext, string> NotFound(string id) => page =>
        Layout(page, "not-found", "Instance not found", $"<h1>Instance not found</h1>\n<p>There is no instance <code>{E(id)}</code>; it may have been purged.</p>\n");

    private static void AppendCard(StringBuilder html, ProposalCard card)
    {
        ProposalStatus s = card.Status;
        string id = card.Instance.InstanceId;
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"card\" data-proposal=\"{E(id)}\"><h3><a href=\"{E(DashboardHandlers.InstancePath(id))}\">{E(s.Title)}</a></h3>\n");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"small\">{E(id)} · <span class=\"status status-{card.Instance.RuntimeStatus}\">{card.Instance.RuntimeStatus}</span>");
        if (s.Tier is { } tier)
        {
            html.Append(CultureInfo.InvariantCulture, $" · tier {tier}");
        }

        if (s.Outcome is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $" · outcome <strong data-field=\"outcome\">{E(s.Outcome)}</strong>");
        }

        if (s.Deadline is { } due)
        {
            html.Append(CultureInfo.InvariantCulture, $" · deadline {E(DashboardTimeline.Time(due))}");
        }

        html.Append("</div>\n<table><thead><tr><th>Decision-maker</th><th>State</th><th>Reminders</th><th>Escalated</th><th>Deadline</th></tr></thead><tbody>\n");
        foreach (ParticipantStatus p in new[] { s.Committee, s.Congress }.OfType<ParticipantStatus>().Concat(card.Bodies))
        {
            string deadline = p.Deadline is { } d ? DashboardTimeline.Time(d) : string.Empty;
            string decided = p.DecidedBy is null ? string.Empty : $" by {p.DecidedBy}";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-body=\"{E(p.Id)}\"><td>{E(p.Name)}</td><td class=\"state-{E(p.State)}\"><span data-field=\"state\">{E(StateText(p.State))}</span>{E(decided)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td data-field=\"reminders\">{p.RemindersSent}</td><td data-field=\"escalated\">{(p.Escalated ? "yes" : "no")}</td><td>{E(deadline)}</td></tr>\n");
        }

        html.Append("</tbody></table></article>\n");
    }

    private static void AppendActions(StringBuilder html, FormToken token, string path, RaiseForm raise)
    {
        html.Append("<h2>Actions</h2>\n<div class=\"actions\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(path)}/raise\" data-action=\"raise\" data-confirm=\"Raise this event?\">{Hidden(token)}");
        html.Append(CultureInfo.InvariantCulture, $"<label>Event name<input name=\"eventName\" required maxlength=\"{DashboardHandlers.MaxEventNameLength}\" value=\"{E(raise.EventName)}\"></label>");
        html.Append(CultureInfo.InvariantCulture, $"<label>JSON payload (optional)<textarea name=\"payload\" rows=\"3\">{E(raise.Payload)}</textarea></label><button type=\"submit\">Raise event</button></form>\n");
        (string Action, string Label, string Confirm, bool Danger)[] actions =
        [
            ("terminate", "Terminate", "Terminate this instance? It cannot be resumed.", true),
            ("suspend", "Suspend", "Suspend this instance?", false),
            ("resume", "Resume", "Resume this instance?", false),
            ("rewind", "Rewind", "Rewind this failed instance to retry its failed work?", false),
            ("restart", "Restart", "Restart this instance with its original input?", false),
            ("purge", "Purge", "Purge this instance and its history? This cannot be undone.", true),
        ];
        foreach ((string action, string label, string confirm, bool danger) in actions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(path)}/{action}\" data-action=\"{action}\" data-confirm=\"{E(confirm)}\">{Hidden(token)}");
            if (action is "terminate" or "suspend" or "resume" or "rewind")
            {
                html.Append("<label>Reason (optional)<input name=\"reason\" maxlength=\"500\"></label>");
            }
            else if (action == "restart")
            {
                html.Append("<label><input type=\"checkbox\" name=\"newInstanceId\"> with a new instance id</label>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\"{(danger ? " class=\"danger\"" : string.Empty)}>{label}</button></form>\n");
        }

        html.Append("</div>\n");
    }

    private static string Layout(PageContext page, string name, string title, string body)
    {
        var html = new StringBuilder("<nav>");
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{DashboardEndpoints.Route}\">Instances</a><a href=\"{DashboardEndpoints.Route}/proposals\">Proposals</a>");
        if (page.OutboxActive)
        {
            html.Append("<a href=\"/dev/outbox\" data-field=\"outbox\">Outbox</a>");
        }

        string toggle = ToggleRefresh(page.CurrentUrl, !page.Refresh);
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{E(toggle)}\" data-field=\"refresh\">{(page.Refresh ? "Stop auto-refresh" : "Auto-refresh")}</a>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{DashboardEndpoints.Route}/signout\">{Hidden(page.Token)}<button type=\"submit\">Sign out</button></form></nav>\n");
        html.Append(CultureInfo.InvariantCulture, $"<main data-page=\"{name}\">\n");
        if (page.Flash is { } flash)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"{(flash.Ok ? "flash" : "error")}\" role=\"status\" data-field=\"flash\">{E(flash.Message)}</p>\n");
        }

        html.Append(body).Append("</main>\n");
        return Document(name, title, page, html.ToString(), page.Refresh);
    }

    private static string Document(string name, string title, PageContext? page, string body, bool refresh)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"10\">\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<title>{E(title)} · Dashboard</title>\n<style>{Style}</style>\n<script>{Script}</script>\n</head>\n<body>\n");
        html.Append(page is null ? $"<main data-page=\"{name}\">\n{body}</main>\n" : body);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static readonly (string Label, InstanceOrderBy OrderBy)[] SortHeaders =
    [
        ("Instance", InstanceOrderBy.InstanceId), ("Orchestrator", InstanceOrderBy.Name),
        ("Created", InstanceOrderBy.CreatedTime), ("Last updated", InstanceOrderBy.LastUpdatedTime),
    ];

    private static bool CanSort(InstancesModel model, InstanceOrderBy orderBy) =>
        model.Capabilities.HasFlag(DashboardHandlers.SortCapabilities[orderBy]);

    private static string SortKey(InstanceOrderBy orderBy) => DashboardHandlers.SortKey(orderBy);

    /// <summary>A column header that sorts the list by its column: first in the column's natural direction, then the
    /// other way; the current one carries <c>aria-sort</c> and an arrow.</summary>
    private static string SortHeader(InstanceFilter f, string label, InstanceOrderBy orderBy)
    {
        bool current = f.OrderBy == orderBy;
        bool ascending = current ? !f.Ascending : orderBy is InstanceOrderBy.InstanceId or InstanceOrderBy.Name;
        InstanceFilter next = f with { OrderBy = orderBy, Ascending = ascending };
        string sort = current ? $" aria-sort=\"{(f.Ascending ? "ascending" : "descending")}\"" : string.Empty;
        string arrow = current ? (f.Ascending ? " ▲" : " ▼") : string.Empty;
        return $"<th{sort}><a href=\"{E(ListUrl(next))}\" data-sort=\"{SortKey(orderBy)}\">{E(label)}{arrow}</a></th>";
    }

    private static string ListUrl(InstanceFilter f, IEnumerable<OrchestrationRuntimeStatus>? statuses = null, string? token = null)
    {
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

    private static string ToggleRefresh(string url, bool on)
    {
        int q = url.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? url : url[..q];
        List<string> parts = q < 0 ? [] : url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("refresh=", StringComparison.Ordinal)).ToList();
        if (on)
        {
            parts.Add("refresh=1");
        }

        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }

    private static void AppendError(StringBuilder html, string? error)
    {
        if (error is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\" data-field=\"error\">{E(error)}</p>\n");
        }
    }

    private static string Hidden(FormToken token) => $"<input type=\"hidden\" name=\"{E(token.FieldName)}\" value=\"{E(token.Value)}\">";

    private static string Pretty(string? json)
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

    // Rewrites names and strings from their values, so that escapes such as \u003C show as the characters they stand for
    // (the page HTML-encodes them).
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

    private static string Failure(TaskFailureDetails failure)
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

    private static string StageText(ProposalStage stage) => stage switch
    {
        ProposalStage.CommitteeSignOff => "Committee sign-off",
        ProposalStage.Congress => "Congress",
        ProposalStage.GoverningBodies => "Governing bodies",
        _ => "Decided",
    };

    private static string StateText(string state) => state switch
    {
        "Approved" => "approved",
        "Rejected" => "rejected",
        "Pending" => "pending",
        "NoResponse" => "no response",
        "Referred" => "referred",
        _ => state,
    };

    private static string Truncate(string? text, int length) =>
        text is null ? string.Empty : text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    private static string Time(DateTimeOffset time) => E(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string E(string? value) => Encoder.Encode(value ?? string.Empty);

    private static string Sha(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
