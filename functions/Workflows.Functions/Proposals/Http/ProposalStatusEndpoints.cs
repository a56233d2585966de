using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Queries;
using Workflows.Functions.Governance;
using Workflows.Functions.Instances;

namespace Workflows.Functions.Proposals.Http;

/// <summary><c>GET /api/proposals/{id}</c> and <c>GET /api/proposals</c>.</summary>
internal static class ProposalStatusEndpoints
{
    /// <summary>The paging header of the list, in both directions, as in the Durable Functions API.</summary>
    public const string ContinuationTokenHeader = "x-ms-continuation-token";

    /// <summary>The default and largest <c>top</c> of the list.</summary>
    public const int DefaultTop = 100;

    /// <summary>The largest <c>top</c> of the list.</summary>
    public const int MaxTop = 1000;

    // A filtered page stops after reading this many pages of instances, so that a rare match cannot make one request
    // read the whole store; the token continues from there.
    private const int MaxPagesPerRequest = 10;

    private static readonly string[] Outcomes = Enum.GetNames<ProposalOutcome>();

    public static async Task<IResult> GetAsync(string id, HttpContext context, DurableTaskClient client, GovernanceConfiguration governance, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        ProposalSnapshot? proposal = await ProposalSnapshot.LoadAsync(client, id, liveBodies: true, logger, context.RequestAborted);
        if (proposal is null)
        {
            return ProposalProblems.NotFound(id);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(View(proposal, governance, context.Request), ProposalApiJson.Options);
    }

    public static async Task<IResult> ListAsync(HttpContext context, InstanceReader instances, ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        IQueryCollection query = context.Request.Query;
        var errors = new ProposalValidationErrors();
        HashSet<string>? stages = Names(query, "stage", Enum.GetNames<ProposalStage>(), errors);
        HashSet<string>? outcomes = Names(query, "outcome", Outcomes, errors);
        HashSet<string>? statuses = Names(query, "status", RuntimeStatuses, errors);
        int top = Top(query, errors);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors, "One or more query parameters are invalid; see errors.");
        }

        string? token = context.Request.Headers[ContinuationTokenHeader].FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var items = new List<ProposalSummaryView>();
        try
        {
            for (int pages = 0; pages < MaxPagesPerRequest && items.Count < top; pages++)
            {
                // Each page asks for what is still missing, so that the token always continues right after what was read.
                int size = top - items.Count;
                InstanceQueryPage page = await instances.OfOrchestratorAsync(
                    nameof(ProposalOrchestrator),
                    statuses?.Select(Enum.Parse<OrchestrationRuntimeStatus>).ToList(),
                    instanceIdPrefix: null,
                    size,
                    token,
                    context.RequestAborted);
                foreach (OrchestrationMetadata metadata in page.Instances)
                {
                    if (ProposalSnapshot.From(metadata, logger) is { } proposal
                        && (stages is null || stages.Contains(proposal.Stage.ToString()))
                        && (outcomes is null || (proposal.Status.Outcome is { } outcome && outcomes.Contains(outcome))))
                    {
                        items.Add(Summary(proposal, context.Request));
                    }
                }

                token = page.ContinuationToken;
                if (token is null)
                {
                    break;
                }
            }
        }
        catch (ArgumentException)
        {
            // The only argument left to the store is the token, which callers echo back as they received it.
            return ProposalProblems.Invalid(ContinuationTokenHeader, $"The {ContinuationTokenHeader} header is not a token this API issued.");
        }

        if (token is not null)
        {
            context.Response.Headers[ContinuationTokenHeader] = token;
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(items, ProposalApiJson.Options);
    }

    internal static ProposalView View(ProposalSnapshot proposal, GovernanceConfiguration governance, HttpRequest request)
    {
        ProposalStatus status = proposal.Status;
        ProposalInput input = proposal.Input;
        return new ProposalView
        {
            Id = proposal.Id,
            Title = input.Title,
            Stage = status.Stage.ToString(),
            Tier = status.Tier,
            TierReason = status.TierReason,
            Outcome = status.Outcome,
            Deadline = proposal.Deadline,
            Bodies = [.. status.Bodies.Select(ParticipantView.From)],
            Committee = ParticipantView.From(proposal.Committee),
            Congress = status.Congress is { } congress ? ParticipantView.From(congress) : null,
            Tally = ProposalTallyView.Of(status.Bodies),
            Summary = input.Summary,
            Category = new ProposalCategoryView(input.CategoryId, governance.FindCategory(input.CategoryId)?.Name),
            RaisedBy = RaisedBy(input),
            Value = input.Value,
            Papers = [.. input.Papers.Select(p => new PaperView(p.Name, p.ContentType, p.Length, ProposalLinks.Paper(request, proposal.Id, p.Name)))],
            RuntimeStatus = proposal.Metadata.RuntimeStatus.ToString(),
            CreatedAt = proposal.Metadata.CreatedAt,
            LastUpdatedAt = proposal.Metadata.LastUpdatedAt,
            DecisionRecordUrl = status.Stage == ProposalStage.Decided ? ProposalLinks.Record(request, proposal.Id) : null,
        };
    }

    private static ProposalSummaryView Summary(ProposalSnapshot proposal, HttpRequest request) => new()
    {
        Id = proposal.Id,
        Title = proposal.Input.Title,
        Stage = proposal.Stage.ToString(),
        Tier = proposal.Status.Tier,
        Outcome = proposal.Status.Outcome,
        Deadline = proposal.Deadline,
        Category = proposal.Input.CategoryId,
        RaisedBy = RaisedBy(proposal.Input),
        Value = proposal.Input.Value,
        Tally = ProposalTallyView.Of(proposal.Status.Bodies),
        RuntimeStatus = proposal.Metadata.RuntimeStatus.ToString(),
        CreatedAt = proposal.Metadata.CreatedAt,
        LastUpdatedAt = proposal.Metadata.LastUpdatedAt,
        Url = ProposalLinks.Proposal(request, proposal.Id),
    };

    private static ProposalRaisedByView RaisedBy(ProposalInput input) =>
        new(input.BodyId, input.CommitteeId, input.Plan.RaisingBodyName, input.Plan.Committee.Name);

#pragma warning disable CS0618 // The obsolete statuses are never reported, so they are not offered as filters.
    private static readonly string[] RuntimeStatuses = [.. Enum.GetValues<OrchestrationRuntimeStatus>()
        .Where(s => s is not OrchestrationRuntimeStatus.ContinuedAsNew and not OrchestrationRuntimeStatus.Canceled)
        .Select(s => s.ToString())];
#pragma warning restore CS0618

    // A comma-separated list of names, each one of the allowed ones in any case; null when the parameter is absent.
    private static HashSet<string>? Names(IQueryCollection query, string parameter, string[] allowed, ProposalValidationErrors errors)
    {
        if (!query.TryGetValue(parameter, out Microsoft.Extensions.Primitives.StringValues values))
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        bool unknown = false;
        foreach (string item in values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (allowed.FirstOrDefault(a => string.Equals(a, item, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                names.Add(name);
            }
            else
            {
                errors.Add(parameter, $"'{item}' is not one of {string.Join(", ", allowed)}.");
                unknown = true;
            }
        }

        if (names.Count == 0 && !unknown)
        {
            errors.Add(parameter, $"Give one or more of {string.Join(", ", allowed)}, separated by commas.");
        }

        return names;
    }

    private static int Top(IQueryCollection query, ProposalValidationErrors errors)
    {
        if (!query.TryGetValue("top", out Microsoft.Extensions.Primitives.StringValues values))
        {
            return DefaultTop;
        }

        if (int.TryParse(values.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int top) && top is >= 1 and <= MaxTop)
        {
            return top;
        }

        errors.Add("top", $"top must be a whole number from 1 to {MaxTop}.");
        return DefaultTop;
    }
}
