using System.Globalization;
using Microsoft.DurableTask.Client;

namespace Workflows.Functions.Proposals.Http;

/// <summary>The admin actions on a proposal: withdraw, extend the deadline, record a decision, resend a request. Each
/// raises an event on the workflow that waits for it and answers 202; 404 for an unknown proposal or participant, 400
/// for an invalid body, 409 when the proposal's state does not allow the action.</summary>
internal static class ProposalActionEndpoints
{
    /// <summary>The longest reason or comment.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>The longest admin name.</summary>
    public const int MaxByLength = 200;

    private const string CommitteeId = "committee";
    private const string CongressId = "congress";

    private static readonly string[] DeadlineFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    public static async Task<IResult> WithdrawAsync(string id, HttpContext context, DurableTaskClient client, ILoggerFactory loggers)
    {
        const string Action = "withdraw";
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        if (await ProposalSnapshot.LoadAsync(client, id, liveBodies: false, logger, context.RequestAborted) is not { } proposal)
        {
            return ProposalProblems.NotFound(id);
        }

        (WithdrawProposalRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<WithdrawProposalRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        string? reason = Text(errors, "reason", request.Reason, MaxReasonLength, required: true);
        string by = By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        // Under unanimity one rejection decides while the other bodies still answer; the outcome stands.
        string? refusal = proposal.Finished ?? (proposal.Status.Outcome is { } outcome
            ? $"Proposal '{id}' is already decided: {outcome}; the remaining governing bodies' answers are only recorded."
            : null);
        if (refusal is not null)
        {
            return Refuse(logger, Action, id, refusal);
        }

        return await RaiseAsync(context, client, logger, Action, proposal, by, [(id, ProposalEvents.Withdraw, reason)]);
    }

    public static async Task<IResult> ExtendDeadlineAsync(string id, HttpContext context, DurableTaskClient client, ILoggerFactory loggers)
    {
        const string Action = "deadline";
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        if (await ProposalSnapshot.LoadAsync(client, id, liveBodies: false, logger, context.RequestAborted) is not { } proposal)
        {
            return ProposalProblems.NotFound(id);
        }

        (ExtendDeadlineRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<ExtendDeadlineRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        DateTime? deadline = null;
        if (string.IsNullOrWhiteSpace(request.Deadline))
        {
            errors.Add("deadline", "The new deadline is required, as an ISO 8601 date and time such as 2026-04-01T17:00:00Z.");
        }
        else if (DateTimeOffset.TryParseExact(request.Deadline.Trim(), DeadlineFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            deadline = parsed.UtcDateTime;
        }
        else
        {
            errors.Add("deadline", $"'{request.Deadline}' is not an ISO 8601 date and time such as 2026-04-01T17:00:00Z.");
        }

        string by = By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        if (proposal.Finished is { } finished)
        {
            return Refuse(logger, Action, id, finished);
        }

        DateTime now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        if (proposal.Deadline is { } current && deadline <= current)
        {
            return ProposalProblems.Invalid("deadline", $"The new deadline {Format(deadline.Value)} must be later than the current one, {Format(current)}.");
        }

        if (deadline <= now)
        {
            return ProposalProblems.Invalid("deadline", $"The new deadline {Format(deadline.Value)} has already passed.");
        }

        // The proposal moves its own deadline at the first two stages, and forwards the extension to its bodies after.
        var extension = new DeadlineExtension(DateTime.SpecifyKind(deadline!.Value, DateTimeKind.Utc), by);
        return await RaiseAsync(context, client, logger, Action, proposal, by, [(id, ProposalEvents.ExtendDeadline, extension)]);
    }

    public static async Task<IResult> DecideAsync(string id, string bodyId, HttpContext context, DurableTaskClient client, ILoggerFactory loggers)
    {
        const string Action = "decision";
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        if (await ProposalSnapshot.LoadAsync(client, id, liveBodies: true, logger, context.RequestAborted) is not { } proposal)
        {
            return ProposalProblems.NotFound(id);
        }

        if (UnknownParticipant(proposal, bodyId) is { } unknown)
        {
            return unknown;
        }

        (AdminDecisionRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<AdminDecisionRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        ApprovalDecision[] allowed = bodyId == CongressId
            ? [ApprovalDecision.Approve, ApprovalDecision.Reject, ApprovalDecision.Refer]
            : [ApprovalDecision.Approve, ApprovalDecision.Reject];
        ApprovalDecision? decision = null;
        if (string.IsNullOrWhiteSpace(request.Decision))
        {
            errors.Add("decision", $"The decision is required: {string.Join(" or ", allowed)}.");
        }
        else
        {
            string text = request.Decision.Trim();
            decision = allowed.Cast<ApprovalDecision?>().FirstOrDefault(d => string.Equals(d.ToString(), text, StringComparison.OrdinalIgnoreCase));
            if (decision is null)
            {
                string who = bodyId == CongressId ? "the congress" : $"'{bodyId}'";
                errors.Add("decision", $"'{request.Decision}' is not a decision {who} can take: {string.Join(" or ", allowed)}.");
            }
        }

        string? reason = Text(errors, "reason", request.Reason, MaxReasonLength, required: true);
        string by = By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        (string? instance, string? refusal) = Waiting(proposal, bodyId);
        if (refusal is not null)
        {
            return Refuse(logger, Action, id, refusal);
        }

        string decidedBy = request.By is null ? "admin" : "admin: " + by;
        var taken = new DecisionEvent(decision!.Value, decidedBy, "Admin", reason, bodyId);
        return await RaiseAsync(context, client, logger, Action, proposal, by, [(instance!, ProposalEvents.Decision, taken)]);
    }

    public static async Task<IResult> ResendAsync(string id, HttpContext context, DurableTaskClient client, ILoggerFactory loggers)
    {
        const string Action = "resend";
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        if (await ProposalSnapshot.LoadAsync(client, id, liveBodies: true, logger, context.RequestAborted) is not { } proposal)
        {
            return ProposalProblems.NotFound(id);
        }

        (ResendRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync(context, ProposalRequestReader.MaxActionBodyBytes, new ResendRequest());
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        string? body = Text(errors, "body", request.Body, MaxByLength, required: false);
        string by = By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        if (body is not null && UnknownParticipant(proposal, body) is { } unknown)
        {
            return unknown;
        }

        List<string> targets;
        if (body is not null)
        {
            (string? instance, string? refusal) = Waiting(proposal, body);
            if (refusal is not null)
            {
                return Refuse(logger, Action, id, refusal);
            }

            targets = [instance!];
        }
        else if (proposal.Finished is { } finished)
        {
            return Refuse(logger, Action, id, finished);
        }
        else if (proposal.Stage == ProposalStage.GoverningBodies)
        {
            targets = [.. proposal.Status.Bodies.Where(b => b.State == "Pending").Select(b => GoverningBodyApprovalOrchestrator.InstanceIdFor(id, b.Id))];
            if (targets.Count == 0)
            {
                return Refuse(logger, Action, id, $"No governing body of proposal '{id}' is still to decide.");
            }
        }
        else
        {
            targets = [id];
        }

        return await RaiseAsync(context, client, logger, Action, proposal, by, [.. targets.Select(t => (t, ProposalEvents.Resend, (object?)by))]);
    }

    // The instance that waits for this participant's decision now, or why none does.
    private static (string? Instance, string? Refusal) Waiting(ProposalSnapshot proposal, string participant)
    {
        if (proposal.Finished is { } finished)
        {
            return (null, finished);
        }

        string id = proposal.Id;
        (ProposalStage stage, ParticipantStatus? status, string instance) = participant switch
        {
            CommitteeId => (ProposalStage.CommitteeSignOff, (ParticipantStatus?)proposal.Committee, id),
            CongressId => (ProposalStage.Congress, proposal.Status.Congress, id),
            _ => (ProposalStage.GoverningBodies, proposal.FindBody(participant), GoverningBodyApprovalOrchestrator.InstanceIdFor(id, participant)),
        };
        bool decided = status is { State: not ("Pending" or "NotAsked") };
        if (!decided && proposal.Stage != stage)
        {
            return (null, $"Proposal '{id}' is at stage {proposal.Stage}; '{participant}' decides only at stage {stage}.");
        }

        if (status is not { State: "Pending" })
        {
            string state = status?.DecidedBy is { } who ? $"{status.State} by {who}" : status?.State ?? "not asked";
            return (null, $"'{participant}' is not waiting for a decision on proposal '{id}': {state}.");
        }

        return (instance, null);
    }

    private static IResult? UnknownParticipant(ProposalSnapshot proposal, string participant) =>
        participant is CommitteeId or CongressId || proposal.FindBody(participant) is not null
            ? null
            : ProposalProblems.NotFound(
                "Participant not found",
                $"Proposal '{proposal.Id}' has no participant '{participant}'; use 'committee', 'congress' or a member body's id.");

    private static async Task<IResult> RaiseAsync(
        HttpContext context,
        DurableTaskClient client,
        ILogger logger,
        string action,
        ProposalSnapshot proposal,
        string by,
        IReadOnlyList<(string Instance, string EventName, object? Payload)> events)
    {
        foreach ((string instance, string eventName, object? payload) in events)
        {
            await client.RaiseEventAsync(instance, eventName, payload, context.RequestAborted);
        }

        string[] instances = [.. events.Select(e => e.Instance)];
        string targets = string.Join(", ", instances);
        ProposalApiLog.ActionRaised(logger, action, proposal.Id, by, targets);
        Uri status = ProposalLinks.Proposal(context.Request, proposal.Id);
        return TypedResults.Accepted(status, new ProposalActionAccepted(proposal.Id, action, instances, status));
    }

    private static IResult Refuse(ILogger logger, string action, string id, string reason)
    {
        ProposalApiLog.ActionRefused(logger, action, id, reason);
        return ProposalProblems.Conflict("Action not allowed now", reason);
    }

    private static string? Text(ProposalValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required || value is not null)
            {
                errors.Add(field, $"The {field} is required{(required ? string.Empty : " when given")}.");
            }

            return null;
        }

        string trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"The {field} is {trimmed.Length} characters long, more than the {maxLength} allowed.");
            return null;
        }

        return trimmed;
    }

    private static string By(ProposalValidationErrors errors, string? by) => Text(errors, "by", by, MaxByLength, required: false) ?? "admin";

    private static string Format(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
