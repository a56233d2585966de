using System.Globalization;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.Governance.Dashboard.Pages;
using Workflows.Governance.Instances;
using Workflows.Governance.Pages;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Dashboard;

/// <summary>The dashboard's request handlers.</summary>
internal sealed class DashboardHandlers
{
    /// <summary>The statuses the list filters and counts by.</summary>
    public static readonly OrchestrationRuntimeStatus[] Statuses =
    [
        OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    /// <summary>The default and largest page sizes of the list.</summary>
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;

    /// <summary>The most proposals the board reads.</summary>
    public const int BoardLimit = 200;

    public const int MaxEventNameLength = 200;

    public const int MaxPayloadLength = 64 * 1024;

    /// <summary>The list's sortable columns by their <c>sort</c> query value.</summary>
    public static readonly IReadOnlyDictionary<string, InstanceOrderBy> SortColumns = new Dictionary<string, InstanceOrderBy>(StringComparer.Ordinal)
    {
        ["created"] = InstanceOrderBy.CreatedTime,
        ["updated"] = InstanceOrderBy.LastUpdatedTime,
        ["id"] = InstanceOrderBy.InstanceId,
        ["name"] = InstanceOrderBy.Name,
    };

    /// <summary>What the store must be able to do to order the list by each column.</summary>
    public static readonly IReadOnlyDictionary<InstanceOrderBy, InstanceQueryCapabilities> SortCapabilities = new Dictionary<InstanceOrderBy, InstanceQueryCapabilities>
    {
        [InstanceOrderBy.CreatedTime] = InstanceQueryCapabilities.OrderByCreatedTime,
        [InstanceOrderBy.LastUpdatedTime] = InstanceQueryCapabilities.OrderByLastUpdatedTime,
        [InstanceOrderBy.InstanceId] = InstanceQueryCapabilities.OrderByInstanceId,
        [InstanceOrderBy.Name] = InstanceQueryCapabilities.OrderByName,
    };

    private static readonly string[] Actions = ["raise", "terminate", "suspend", "resume", "rewind", "restart", "purge"];

    private readonly DashboardSession session;
    private readonly ILogger logger;
    private readonly bool outbox;
    private readonly TimeProvider clock;
    private readonly SignInThrottle throttle;

    public DashboardHandlers(DashboardSession session, ILogger logger, bool outbox, TimeProvider clock, SignInThrottle throttle)
    {
        this.throttle = throttle;
        this.session = session;
        this.logger = logger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /// <summary>GET <c>/dashboard/signin</c>.</summary>
    public static IResult SignInPage(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        return SignInForm(context, antiforgery, null, StatusCodes.Status200OK);
    }

    /// <summary>POST <c>/dashboard/signin</c>: checks the key and starts a session.</summary>
    public async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!await this.IsFormValidAsync(context, antiforgery))
        {
            return SignInForm(context, antiforgery, "The form expired or was not sent from this page. Enter the key again.", StatusCodes.Status400BadRequest);
        }

        if (!this.session.IsConfigured)
        {
            DashboardLog.SignInRefused(this.logger, "no admin key is configured");
            return SignInForm(context, antiforgery, "No admin key is configured (Security:AdminKey), so nobody can sign in.", StatusCodes.Status401Unauthorized);
        }

        string address = SignInThrottle.AddressOf(context);
        if (await this.throttle.IsLockedOutAsync(address, context.RequestAborted))
        {
            DashboardLog.SignInRefused(this.logger, "too many wrong keys from the client's address");
            return SignInForm(
                context,
                antiforgery,
                $"Too many wrong keys were entered from this address; signing in from it is paused for up to {SignInThrottle.Window.TotalMinutes:0} minutes.",
                StatusCodes.Status429TooManyRequests);
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!this.session.Matches(form["key"].FirstOrDefault()))
        {
            // Counted even when the client has gone: a guesser must not escape the count by hanging up.
            await this.throttle.RecordFailureAsync(address, CancellationToken.None);
            DashboardLog.SignInRefused(this.logger, "the key is wrong");
            return SignInForm(context, antiforgery, "That key is not valid.", StatusCodes.Status401Unauthorized);
        }

        this.session.SignIn(context);
        DashboardLog.SignedIn(this.logger);
        return Results.Redirect(LocalReturnUrl(context.Request.Query["returnUrl"].FirstOrDefault()));
    }

    /// <summary>POST <c>/dashboard/signout</c>.</summary>
    public async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!await this.IsFormValidAsync(context, antiforgery))
        {
            return Results.Redirect(DashboardEndpoints.Route);
        }

        DashboardSession.SignOut(context);
        return Results.Redirect(DashboardEndpoints.Route + "/signin");
    }

    /// <summary>GET <c>/dashboard</c>: the instance list. What the store cannot do (an order, a filter, the counts, the
    /// backlog) is said on the page; asking for it anyway is an error that lists nothing.</summary>
    public async Task<IResult> InstancesAsync(HttpContext context, InstanceReader instances, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(antiforgery);
        IQueryCollection query = context.Request.Query;
        var filter = new InstanceFilter
        {
            Name = Trimmed(query["name"]),
            Prefix = Trimmed(query["prefix"]),
            CustomStatus = Trimmed(query["custom"]),
            From = Trimmed(query["from"]),
            To = Trimmed(query["to"]),
            Token = Trimmed(query["token"]),
            Refresh = query["refresh"] == "1",
        };
        var errors = new List<string>();
        ReadOrder(query, filter, errors);
        foreach (string? status in query["status"])
        {
            if (Enum.TryParse(status, ignoreCase: false, out OrchestrationRuntimeStatus parsed) && Statuses.Contains(parsed))
            {
                filter.Statuses.Add(parsed);
            }
            else
            {
                errors.Add($"'{status}' is not a status.");
            }
        }

        filter.PageSize = int.TryParse(query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? Math.Clamp(size, 1, MaxPageSize) : DefaultPageSize;
        DateTimeOffset? from = ParseTime(filter.From, "created from", errors);
        DateTimeOffset? to = ParseTime(filter.To, "created to", errors);
        RefuseWhatTheStoreCannotDo(instances, filter, query, errors);

        var model = new InstancesModel { Filter = filter, Errors = errors, Capabilities = instances.Capabilities };
        if (errors.Count == 0)
        {
            try
            {
                await ListAsync(instances, filter, from, to, model, context.RequestAborted);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
            {
                errors.Add($"The instances could not be listed: {ex.Message}");
            }
        }

        return this.Page<InstancesPage>(context, antiforgery, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, filter.Refresh, new() { [nameof(InstancesPage.Model)] = model });
    }

    private static void RefuseWhatTheStoreCannotDo(InstanceReader instances, InstanceFilter filter, IQueryCollection query, List<string> errors)
    {
        if (filter.Name is not null && !instances.Can(InstanceQueryCapabilities.NameFilter))
        {
            errors.Add("This store cannot filter by orchestrator; clear the Orchestrator field.");
        }

        if (filter.CustomStatus is not null && !instances.Can(InstanceQueryCapabilities.CustomStatusFilter))
        {
            errors.Add("This store cannot filter by custom status; clear the Custom status field.");
        }

        // Without a sort in the query the list is in the store's own order, which needs no capability.
        if (Trimmed(query["sort"]) is not null && SortCapabilities.TryGetValue(filter.OrderBy, out InstanceQueryCapabilities needed) && !instances.Can(needed))
        {
            errors.Add($"This store cannot sort the list by {SortKey(filter.OrderBy)}.");
        }
    }

    private static async Task ListAsync(InstanceReader instances, InstanceFilter filter, DateTimeOffset? from, DateTimeOffset? to, InstancesModel model, CancellationToken cancellationToken)
    {
        if (instances.Port is not { } port)
        {
            var sdkQuery = new OrchestrationQuery(
                CreatedFrom: from,
                CreatedTo: to,
                Statuses: filter.Statuses.Count == 0 ? null : filter.Statuses,
                InstanceIdPrefix: filter.Prefix,
                PageSize: filter.PageSize,
                ContinuationToken: filter.Token);
            await foreach (Page<OrchestrationMetadata> page in instances.Client.GetAllInstancesAsync(sdkQuery).AsPages(filter.Token, filter.PageSize).WithCancellation(cancellationToken))
            {
                model.Instances = page.Values;
                model.NextToken = page.ContinuationToken;
                break;
            }

            return;
        }

        var baseQuery = new InstanceQuery
        {
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = filter.Prefix,
            Name = filter.Name,
            CustomStatusContains = filter.CustomStatus,
        };
        InstanceQueryPage found = await port.QueryInstancesAsync(
            baseQuery with
            {
                Statuses = filter.Statuses.Count == 0 ? null : filter.Statuses,
                PageSize = filter.PageSize,
                ContinuationToken = filter.Token,
                FetchInputsAndOutputs = filter.CustomStatus is not null,
                OrderBy = filter.OrderBy,
                Ascending = filter.Ascending,
            },
            cancellationToken);
        model.Instances = found.Instances;
        model.NextToken = found.ContinuationToken;

        if (instances.Can(InstanceQueryCapabilities.CountByStatus))
        {
            // One grouped count under the same filters but the status, so every status's count is shown.
            IReadOnlyDictionary<OrchestrationRuntimeStatus, long> counts = await port.CountInstancesAsync(baseQuery, cancellationToken);
            foreach (OrchestrationRuntimeStatus status in Statuses)
            {
                model.Counts[status] = counts.GetValueOrDefault(status);
            }
        }

        if (instances.Can(InstanceQueryCapabilities.Backlog))
        {
            model.Backlog = await port.GetBacklogAsync(cancellationToken);
        }
    }

    /// <summary>GET <c>/dashboard/instances/{id}</c>.</summary>
    public async Task<IResult> InstanceAsync(string id, HttpContext context, InstanceReader instances, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(antiforgery);
        return await this.InstancePageAsync(id, context, instances, antiforgery, null, null, StatusCodes.Status200OK);
    }

    /// <summary>POST <c>/dashboard/instances/{id}/{action}</c>: one action, then back to the instance with a message; bad
    /// input shows the instance page with the error and changes nothing.</summary>
    public async Task<IResult> ActionAsync(string id, string action, HttpContext context, InstanceReader instances, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(antiforgery);
        DurableTaskClient client = instances.Client;
        if (!Actions.Contains(action, StringComparer.Ordinal))
        {
            return Results.NotFound();
        }


        if (!await this.IsFormValidAsync(context, antiforgery))
        {
            return await this.InstancePageAsync(id, context, instances, antiforgery, "The form expired or was not sent from this page; nothing was changed. Try again.", null, StatusCodes.Status400BadRequest);
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? reason = Trimmed(form["reason"]);
        string back = InstancePath(id);
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: false, context.RequestAborted);
        if (metadata is null)
        {
            this.session.SetFlash(context, ok: false, $"There is no instance '{id}'; nothing was changed.");
            return Results.Redirect(DashboardEndpoints.Route);
        }

        try
        {
            string message;
            switch (action)
            {
                case "raise":
                    string? eventName = form["eventName"].FirstOrDefault()?.Trim();
                    string payload = form["payload"].FirstOrDefault() ?? string.Empty;
                    string? error = ValidateEvent(eventName, payload, out JsonElement? value);
                    if (error is not null)
                    {
                        return await this.InstancePageAsync(id, context, instances, antiforgery, error, new RaiseForm(eventName, payload), StatusCodes.Status400BadRequest);
                    }

                    await client.RaiseEventAsync(id, eventName!, value, context.RequestAborted);
                    message = $"Event '{eventName}' was raised.";
                    break;
                case "terminate":
                    await client.TerminateInstanceAsync(id, reason ?? "Terminated from the dashboard.", context.RequestAborted);
                    message = "The instance was asked to terminate.";
                    break;
                case "suspend":
                    await client.SuspendInstanceAsync(id, reason ?? "Suspended from the dashboard.", context.RequestAborted);
                    message = "The instance was asked to suspend.";
                    break;
                case "resume":
                    await client.ResumeInstanceAsync(id, reason ?? "Resumed from the dashboard.", context.RequestAborted);
                    message = "The instance was asked to resume.";
                    break;
                case "rewind":
                    await client.RewindInstanceAsync(id, reason ?? "Rewound from the dashboard.", context.RequestAborted);
                    message = "The instance was rewound.";
                    break;
                case "restart":
                    string newId = await client.RestartAsync(id, form["newInstanceId"] == "on", context.RequestAborted);
                    message = $"The instance was restarted as '{newId}'.";
                    back = InstancePath(newId);
                    break;
                default:
                    PurgeResult purged = await client.PurgeInstanceAsync(id, context.RequestAborted);
                    message = purged.PurgedInstanceCount > 0 ? $"Instance '{id}' was purged." : $"Instance '{id}' was not purged (only a finished instance can be).";
                    if (purged.PurgedInstanceCount > 0)
                    {
                        back = DashboardEndpoints.Route;
                    }
                    else
                    {
                        this.session.SetFlash(context, ok: false, message);
                        return Results.Redirect(back);
                    }

                    break;
            }

            DashboardLog.ActionTaken(this.logger, action, id, "done");
            this.session.SetFlash(context, ok: true, message);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            DashboardLog.ActionTaken(this.logger, action, id, "refused");
            this.session.SetFlash(context, ok: false, $"Nothing was changed: {ex.Message}");
        }

        return Results.Redirect(back);
    }

    /// <summary>GET <c>/dashboard/proposals</c>: the board.</summary>
    public async Task<IResult> ProposalsAsync(HttpContext context, InstanceReader instances, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(antiforgery);
        DurableTaskClient client = instances.Client;
        var cards = new List<ProposalCard>();
        InstanceQueryPage page = await instances.OfOrchestratorAsync(nameof(ProposalOrchestrator), null, null, BoardLimit, null, context.RequestAborted);
        bool truncated = page.ContinuationToken is not null;
        foreach (OrchestrationMetadata instance in page.Instances)
        {
            ProposalStatus? status = TryRead<ProposalStatus>(instance);
            if (status is null)
            {
                continue;
            }

            IReadOnlyList<ParticipantStatus> bodies = await GoverningBodyStates.LiveAsync(client, instance.InstanceId, status, unreadable: null, context.RequestAborted);
            cards.Add(new ProposalCard(instance, status, bodies));
        }

        return this.Page<ProposalsPage>(context, antiforgery, StatusCodes.Status200OK, context.Request.Query["refresh"] == "1", new()
        {
            [nameof(ProposalsPage.Cards)] = cards,
            [nameof(ProposalsPage.Truncated)] = truncated,
        });
    }

    /// <summary>GET <c>/dashboard/assembly</c>: the commissioning assembly's rounds of every kind.</summary>
    public async Task<IResult> AssemblyAsync(HttpContext context, InstanceReader instances, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(antiforgery);
        AssemblyBoardModel model = await AssemblyBoard.ReadAsync(instances, context.RequestAborted);
        return this.Page<AssemblyBoardPage>(context, antiforgery, StatusCodes.Status200OK, context.Request.Query["refresh"] == "1", new() { [nameof(AssemblyBoardPage.Model)] = model });
    }

    /// <summary>GET <c>/dashboard/assembly/{kind}/{id}</c>: one round and each member's state, live.</summary>
    public async Task<IResult> AssemblyRoundAsync(string kind, string id, HttpContext context, InstanceReader instances, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (await AssemblyBoard.ReadAsync(instances, kind, id, context.RequestAborted) is not { } round)
        {
            return this.Page<NotFoundPage>(context, antiforgery, StatusCodes.Status404NotFound, refresh: false, new()
            {
                [nameof(NotFoundPage.Id)] = id,
                [nameof(NotFoundPage.What)] = AssemblyBoard.KindOf(kind)?.Noun ?? "assembly round",
            });
        }

        return this.Page<AssemblyRoundPage>(context, antiforgery, StatusCodes.Status200OK, context.Request.Query["refresh"] == "1", new() { [nameof(AssemblyRoundPage.Round)] = round });
    }

    internal static string SortKey(InstanceOrderBy orderBy) => SortColumns.First(c => c.Value == orderBy).Key;

    internal static string InstancePath(string id) => $"{DashboardEndpoints.Route}/instances/{Uri.EscapeDataString(id)}";

    /// <summary>Reads <c>sort</c> (created, updated, id or name) and <c>dir</c> (asc or desc); newest first by default.</summary>
    private static void ReadOrder(IQueryCollection query, InstanceFilter filter, List<string> errors)
    {
        string? sort = Trimmed(query["sort"]);
        if (sort is not null)
        {
            if (SortColumns.TryGetValue(sort, out InstanceOrderBy orderBy))
            {
                filter.OrderBy = orderBy;
            }
            else
            {
                errors.Add($"'{sort}' is not a column the list sorts by (use created, updated, id or name).");
            }
        }

        switch (Trimmed(query["dir"]))
        {
            case null:
                // Times newest first; text from A.
                filter.Ascending = filter.OrderBy is InstanceOrderBy.InstanceId or InstanceOrderBy.Name;
                break;
            case "asc":
                filter.Ascending = true;
                break;
            case "desc":
                filter.Ascending = false;
                break;
            case string other:
                errors.Add($"'{other}' is not a sort direction (use asc or desc).");
                break;
        }
    }

    private static string? ValidateEvent(string? eventName, string payload, out JsonElement? value)
    {
        value = null;
        if (string.IsNullOrEmpty(eventName))
        {
            return "Enter the event's name; nothing was raised.";
        }

        if (eventName.Length > MaxEventNameLength || eventName.Any(char.IsControl))
        {
            return $"The event name must be at most {MaxEventNameLength} characters without control characters; nothing was raised.";
        }

        if (payload.Length > MaxPayloadLength)
        {
            return $"The payload has {payload.Length} characters; at most {MaxPayloadLength} are accepted. Nothing was raised.";
        }

        if (string.IsNullOrWhiteSpace(payload))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            value = document.RootElement.Clone();
            return null;
        }
        catch (JsonException ex)
        {
            return $"The payload is not valid JSON ({ex.Message}); nothing was raised.";
        }
    }

    private static T? TryRead<T>(OrchestrationMetadata instance)
        where T : class
    {
        if (string.IsNullOrEmpty(instance.SerializedCustomStatus))
        {
            return null;
        }

        try
        {
            return instance.ReadCustomStatusAs<T>();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTimeOffset? ParseTime(string? text, string what, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset value))
        {
            return value;
        }

        errors.Add($"The '{what}' time '{text}' is not a date and time (use e.g. 2026-01-31T09:00, in UTC).");
        return null;
    }

    private static string? Trimmed(Microsoft.Extensions.Primitives.StringValues values)
    {
        string? value = values.FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(DashboardEndpoints.Route, StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal)
            && !returnUrl.StartsWith(DashboardEndpoints.Route + "/signin", StringComparison.Ordinal)
            ? returnUrl
            : DashboardEndpoints.Route;

    private async Task<IResult> InstancePageAsync(string id, HttpContext context, InstanceReader instances, IAntiforgery antiforgery, string? error, RaiseForm? raise, int statusCode)
    {
        OrchestrationMetadata? metadata = await instances.Client.GetInstanceAsync(id, getInputsAndOutputs: true, context.RequestAborted);
        if (metadata is null)
        {
            return this.Page<NotFoundPage>(context, antiforgery, StatusCodes.Status404NotFound, refresh: false, new() { [nameof(NotFoundPage.Id)] = id });
        }

        IList<HistoryEvent> history = await instances.HistoryAsync(id, context.RequestAborted);
        var model = new InstanceModel(metadata, history, error, raise ?? new RaiseForm(null, null), this.clock.GetUtcNow().UtcDateTime)
        {
            AllHistory = context.Request.Query["history"] == "all",
        };
        return this.Page<InstancePage>(context, antiforgery, statusCode, context.Request.Query["refresh"] == "1", new() { [nameof(InstancePage.Model)] = model });
    }

    private static RazorPageResult<SignInView> SignInForm(HttpContext context, IAntiforgery antiforgery, string? error, int statusCode)
    {
        string action = $"{DashboardEndpoints.Route}/signin";
        string? returnUrl = context.Request.Query["returnUrl"].FirstOrDefault();
        if (returnUrl is not null)
        {
            action += "?returnUrl=" + Uri.EscapeDataString(LocalReturnUrl(returnUrl));
        }

        var parameters = new Dictionary<string, object?>
        {
            [nameof(SignInView.Action)] = action,
            [nameof(SignInView.Token)] = PageFormGuard.Issue(context, antiforgery),
            [nameof(SignInView.Error)] = error,
        };
        return new RazorPageResult<SignInView>(parameters, statusCode, DashboardPage.Stylesheet.ContentSecurityPolicy);
    }

    /// <summary>A dashboard page: <typeparamref name="TPage"/> with <paramref name="parameters"/> and the session's
    /// token, message and switches.</summary>
    private RazorPageResult<TPage> Page<TPage>(HttpContext context, IAntiforgery antiforgery, int statusCode, bool refresh, Dictionary<string, object?> parameters)
        where TPage : IComponent
    {
        parameters["Session"] = new PageContext(PageFormGuard.Issue(context, antiforgery), this.session.TakeFlash(context), this.outbox, refresh, context.Request.Path + context.Request.QueryString);
        return new RazorPageResult<TPage>(parameters, statusCode, DashboardPage.Stylesheet.ContentSecurityPolicy);
    }

    private async Task<bool> IsFormValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (await PageFormGuard.IsValidAsync(context, antiforgery))
        {
            return true;
        }

        DashboardLog.AntiforgeryFailed(this.logger, context.Request.Path);
        return false;
    }
}
