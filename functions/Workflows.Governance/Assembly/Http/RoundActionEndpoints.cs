using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Documents;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Assembly.Http;

/// <summary>The routes every kind of round shares: its status, close early, extend, resend, and its record. An action
/// raises an event on the workflow that waits for it and answers 202; 404 for an unknown round or member, 400 for an
/// invalid body (nothing is raised), 409 when the round is not open.</summary>
internal sealed class RoundActionEndpoints(AssemblyRoundKind kind)
{
    /// <summary>GET <c>/api/assembly/{kind}/{id}</c>: the round's state and each member's, live.</summary>
    public async Task<IResult> StatusAsync(string id, HttpContext context, AssemblyRounds rounds)
    {
        if (await rounds.LoadAsync(kind, id, context.RequestAborted) is not { } round)
        {
            return this.NotFound(id);
        }

        return TypedResults.Ok(new
        {
            id = round.Id,
            kind = kind.Segment,
            runtimeStatus = round.Instance.RuntimeStatus.ToString(),
            createdAt = round.Instance.CreatedAt,
            lastUpdatedAt = round.Instance.LastUpdatedAt,
            round = (object?)round.Status,
        });
    }

    /// <summary>POST <c>/api/assembly/{kind}/{id}/close</c>: closes the round now.</summary>
    public async Task<IResult> CloseAsync(string id, HttpContext context, AssemblyRounds rounds, ILoggerFactory loggers)
    {
        (RoundSnapshot? round, RoundActionRequest? request, string by, IResult? refused) = await this.PrepareAsync(id, "close", context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        return await Raise(context, rounds.Client, loggers, kind, "close", round!, by, [(id, AssemblyEvents.Close, by)]);
    }

    /// <summary>POST <c>/api/assembly/{kind}/{id}/extend</c>: moves the closing date later.</summary>
    public async Task<IResult> ExtendAsync(string id, HttpContext context, AssemblyRounds rounds, TimeProvider clock, ILoggerFactory loggers)
    {
        (RoundSnapshot? round, RoundActionRequest? request, string by, IResult? refused) = await this.PrepareAsync(id, "extend", context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ProposalValidationErrors();
        DateTime? closesAt = AssemblyRequestFields.ClosesAt(errors, request!.ClosesAt, clock.GetUtcNow().UtcDateTime, otherwise: null);
        if (closesAt is { } later && later <= round!.Status!.ClosesAt)
        {
            errors.Add("closesAt", $"The new closing date {AssemblyRequestFields.Format(later)} must be later than the current one, {AssemblyRequestFields.Format(round.Status.ClosesAt)}.");
        }

        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        return await Raise(context, rounds.Client, loggers, kind, "extend", round!, by, [(id, AssemblyEvents.Extend, new RoundExtension(closesAt!.Value, by))]);
    }

    /// <summary>POST <c>/api/assembly/{kind}/{id}/resend</c>: sends the current invitations again, to one member or to
    /// every member still to answer.</summary>
    public async Task<IResult> ResendAsync(string id, HttpContext context, AssemblyRounds rounds, ILoggerFactory loggers)
    {
        (RoundSnapshot? round, RoundActionRequest? request, string by, IResult? refused) = await this.PrepareAsync(id, "resend", context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        string? member = request!.Member;
        if (member is not null && !round!.Status!.MemberStates().Any(m => m.MemberId == member))
        {
            return MemberNotFound(kind, id, member);
        }

        var resend = new RoundResend(member, by);
        if (round!.Status is not NominationRoundStatus nominations)
        {
            return await Raise(context, rounds.Client, loggers, kind, "resend", round, by, [(id, AssemblyEvents.Resend, resend)]);
        }

        // A nomination round's invitations belong to its CCGs' own workflows.
        string[] targets = [.. nominations.Members.Where(m => member is null ? !m.Finished : m.MemberId == member)
            .Select(m => NominationRoundOrchestrator.InstanceIdFor(id, m.MemberId))];
        if (targets.Length == 0 || (member is not null && nominations.Members.Single(m => m.MemberId == member).Finished))
        {
            return Refuse(loggers, kind, "resend", id, member is null ? "Every CCG has finished nominating." : $"'{member}' has finished nominating.");
        }

        return await Raise(context, rounds.Client, loggers, kind, "resend", round, by, [.. targets.Select(t => (t, AssemblyEvents.Resend, (object)resend))]);
    }

    /// <summary>GET <c>/api/assembly/{kind}/{id}/record</c>: the round's record as JSON, or as HTML when the request
    /// accepts text/html; 404 until it is written.</summary>
    public async Task<IResult> RecordAsync(string id, HttpContext context, IDocumentStore documents)
    {
        bool html = context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        string path = html ? AssemblyRecordPaths.Html(kind.RecordKind, id) : AssemblyRecordPaths.Json(kind.RecordKind, id);
        context.Response.Headers.Vary = HeaderNames.Accept;
        if (!DocumentPath.IsValid(path) || await documents.OpenAsync(path, context.RequestAborted) is not { } record)
        {
            return ProposalProblems.NotFound("Record not found", $"No record exists for the {kind.Noun} '{id}': it is written once the round closes.");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        if (html)
        {
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        return TypedResults.Stream(record.Content, html ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
    }

    /// <summary>Raises events and answers 202 with where they went.</summary>
    public static async Task<IResult> Raise(
        HttpContext context, DurableTaskClient client, ILoggerFactory loggers, AssemblyRoundKind kind, string action, RoundSnapshot round, string by,
        IReadOnlyList<(string Instance, string EventName, object Payload)> events)
    {
        foreach ((string instance, string eventName, object payload) in events)
        {
            await client.RaiseEventAsync(instance, eventName, payload, context.RequestAborted);
        }

        string[] instances = [.. events.Select(e => e.Instance)];
        ILogger logger = loggers.CreateLogger(AssemblyApiLog.Category);
        string targets = string.Join(", ", instances);
        AssemblyApiLog.ActionRaised(logger, action, kind.Segment, round.Id, by, targets);
        Uri status = AssemblyRequestFields.StatusUrl(context.Request, kind, round.Id);
        return TypedResults.Accepted(status, new AssemblyActionAccepted(round.Id, action, instances, status));
    }

    /// <summary>A 409 for an action the round's state does not allow now.</summary>
    public static IResult Refuse(ILoggerFactory loggers, AssemblyRoundKind kind, string action, string id, string reason)
    {
        ILogger logger = loggers.CreateLogger(AssemblyApiLog.Category);
        AssemblyApiLog.ActionRefused(logger, action, kind.Segment, id, reason);
        return ProposalProblems.Conflict("Action not allowed now", reason);
    }

    /// <summary>A 404 for a member that is not in the round.</summary>
    public static IResult MemberNotFound(AssemblyRoundKind kind, string id, string member) =>
        ProposalProblems.NotFound("Member not found", $"The {kind.Noun} '{id}' has no member '{member}'.");

    // The round, the body and who acts; or the answer that refuses the action.
    private async Task<(RoundSnapshot? Round, RoundActionRequest? Request, string By, IResult? Refused)> PrepareAsync(string id, string action, HttpContext context, AssemblyRounds rounds)
    {
        if (await rounds.LoadAsync(kind, id, context.RequestAborted) is not { } round)
        {
            return (null, null, string.Empty, this.NotFound(id));
        }

        (RoundActionRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync(context, ProposalRequestReader.MaxActionBodyBytes, new RoundActionRequest());
        if (request is null)
        {
            return (round, null, string.Empty, malformed);
        }

        var errors = new ProposalValidationErrors();
        string by = AssemblyRequestFields.By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return (round, request, by, ProposalProblems.Invalid(errors));
        }

        if (round.NotOpen is { } reason)
        {
            ILoggerFactory loggers = context.RequestServices.GetRequiredService<ILoggerFactory>();
            return (round, request, by, Refuse(loggers, kind, action, id, reason));
        }

        return (round, request, by, null);
    }

    private IResult NotFound(string id) => ProposalProblems.NotFound("Round not found", $"No {kind.Noun} with id '{id}' exists.");
}
