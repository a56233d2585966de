using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Assembly.Http;

/// <summary>The routes that record an answer on someone's behalf: a CCG's nomination, the design group's review, a
/// member's consultation response or work-programme interest. Each checks the answer as its form does, raises it on
/// the workflow that waits for it and answers 202; 404 for an unknown round or member, 400 naming every invalid field
/// (nothing is raised), 409 when the member is not waiting for that answer.</summary>
internal static class OnBehalfEndpoints
{
    /// <summary>POST <c>/api/assembly/nominations/{id}/members/{memberId}/nomination</c>.</summary>
    public static async Task<IResult> NominationAsync(string id, string memberId, HttpContext context, AssemblyRounds rounds, ILoggerFactory loggers)
    {
        AssemblyRoundKind kind = AssemblyRoundKind.Nominations;
        (RoundSnapshot? round, CcgNominationStatus? member, IResult? refused) = await CcgAsync(id, memberId, context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        (NominationRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<NominationRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        (Nomination? nomination, IReadOnlyList<(string Field, string Message)> problems) = NominationRules.Check(request.Name, request.Role, request.Registration, request.Email);
        foreach ((string field, string message) in problems)
        {
            errors.Add(field, message);
        }

        string by = AssemblyRequestFields.By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        if (member!.State is not (NominationState.Invited or NominationState.Returned))
        {
            return RoundActionEndpoints.Refuse(loggers, kind, "nomination", id, $"'{memberId}' is not waiting for a nomination: {member.State}.");
        }

        string instance = NominationRoundOrchestrator.InstanceIdFor(id, memberId);
        return await RoundActionEndpoints.Raise(context, rounds.Client, loggers, kind, "nomination", round!, by, [(instance, AssemblyEvents.Nomination, new NominationEvent(member.Attempt, nomination!, by))]);
    }

    /// <summary>POST <c>/api/assembly/nominations/{id}/members/{memberId}/review</c>.</summary>
    public static async Task<IResult> ReviewAsync(string id, string memberId, HttpContext context, AssemblyRounds rounds, ILoggerFactory loggers)
    {
        AssemblyRoundKind kind = AssemblyRoundKind.Nominations;
        (RoundSnapshot? round, CcgNominationStatus? member, IResult? refused) = await CcgAsync(id, memberId, context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        (ReviewRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<ReviewRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        bool? accept = request.Decision?.Trim().ToUpperInvariant() switch
        {
            "ACCEPT" => true,
            "RETURN" => false,
            _ => null,
        };
        if (accept is null)
        {
            errors.Add("decision", "The decision is required: accept or return.");
        }

        string? reason = request.Reason?.Trim();
        if (accept == false && string.IsNullOrEmpty(reason))
        {
            errors.Add("reason", "A returned nomination needs a reason, which the CCG is sent.");
        }
        else if (reason is { Length: > NominationRules.MaxReasonLength })
        {
            errors.Add("reason", $"The reason is {reason.Length} characters long, more than the {NominationRules.MaxReasonLength} allowed.");
        }

        string by = AssemblyRequestFields.By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        if (member!.State != NominationState.Nominated)
        {
            return RoundActionEndpoints.Refuse(loggers, kind, "review", id, $"'{memberId}' has no nomination waiting for review: {member.State}.");
        }

        string instance = NominationRoundOrchestrator.InstanceIdFor(id, memberId);
        return await RoundActionEndpoints.Raise(context, rounds.Client, loggers, kind, "review", round!, by, [(instance, AssemblyEvents.Review, new ReviewEvent(member.Attempt, accept!.Value, reason, by))]);
    }

    /// <summary>POST <c>/api/assembly/consultations/{id}/members/{memberId}/response</c>.</summary>
    public static async Task<IResult> ResponseAsync(string id, string memberId, HttpContext context, AssemblyRounds rounds, ILoggerFactory loggers)
    {
        AssemblyRoundKind kind = AssemblyRoundKind.Consultations;
        (RoundSnapshot? round, IResult? refused) = await MemberRoundAsync(kind, id, memberId, context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        (ResponseRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<ResponseRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        IReadOnlyList<DraftDocument> documents = ((ConsultationStatus)round!.Status!).Documents;
        IReadOnlyList<DocumentView> views = Views(errors, documents, request.Views);
        string by = AssemblyRequestFields.By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        return round.NotOpen is { } reason
            ? RoundActionEndpoints.Refuse(loggers, kind, "response", id, reason)
            : await RoundActionEndpoints.Raise(context, rounds.Client, loggers, kind, "response", round, by, [(id, AssemblyEvents.Response, new ResponseEvent(memberId, views, by))]);
    }

    /// <summary>POST <c>/api/assembly/work-programme/{id}/members/{memberId}/interest</c>.</summary>
    public static async Task<IResult> InterestAsync(string id, string memberId, HttpContext context, AssemblyRounds rounds, ILoggerFactory loggers)
    {
        AssemblyRoundKind kind = AssemblyRoundKind.WorkProgramme;
        (RoundSnapshot? round, IResult? refused) = await MemberRoundAsync(kind, id, memberId, context, rounds);
        if (refused is not null)
        {
            return refused;
        }

        (InterestRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<InterestRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        IReadOnlyList<WorkProgrammeGroup> groups = ((WorkProgrammeStatus)round!.Status!).Groups;
        IReadOnlyList<string> preferences = Preferences(errors, groups, request.Preferences);
        string by = AssemblyRequestFields.By(errors, request.By);
        if (!errors.IsEmpty)
        {
            return ProposalProblems.Invalid(errors);
        }

        return round.NotOpen is { } reason
            ? RoundActionEndpoints.Refuse(loggers, kind, "interest", id, reason)
            : await RoundActionEndpoints.Raise(context, rounds.Client, loggers, kind, "interest", round, by, [(id, AssemblyEvents.Interest, new InterestEvent(memberId, preferences, by))]);
    }

    /// <summary>The views of a response, checked as the form checks them: one per document, a known position each.</summary>
    public static IReadOnlyList<DocumentView> Views(ProposalValidationErrors errors, IReadOnlyList<DraftDocument> documents, IReadOnlyList<ViewRequest?>? requested)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(documents);
        var views = new List<DocumentView>();
        foreach (DraftDocument document in documents)
        {
            ViewRequest[] given = [.. (requested ?? []).OfType<ViewRequest>().Where(v => string.Equals(v.Document, document.Id, StringComparison.Ordinal))];
            string at = $"views.{document.Id}";
            if (given.Length != 1)
            {
                errors.Add(at, given.Length == 0 ? $"Give one view of '{document.Title}'." : $"'{document.Title}' has more than one view.");
                continue;
            }

            Position? position = Enum.TryParse(given[0].Position?.Trim(), ignoreCase: true, out Position parsed) && Enum.IsDefined(parsed) && !int.TryParse(given[0].Position, out _) ? parsed : null;
            if (position is null)
            {
                errors.Add($"{at}.position", $"The position on '{document.Title}' is required: Support, SupportWithChanges or DoNotSupport.");
            }

            string? comments = given[0].Comments?.ReplaceLineEndings("\n").Trim();
            if (comments is { Length: > ConsultationRules.MaxCommentLength })
            {
                errors.Add($"{at}.comments", $"The comments on '{document.Title}' are {comments.Length} characters long, more than the {ConsultationRules.MaxCommentLength} allowed.");
            }
            else if (position is { } known)
            {
                views.Add(new DocumentView(document.Id, known, string.IsNullOrEmpty(comments) ? null : comments));
            }
        }

        foreach (ViewRequest? extra in (requested ?? []).Where(v => v is null || !documents.Any(d => d.Id == v.Document)))
        {
            errors.Add("views", extra is null ? "Each view must be an object." : $"'{extra.Document}' is not a document of this consultation.");
        }

        return views;
    }

    /// <summary>Preferences checked as the form checks them: known groups, each once, at least one.</summary>
    public static IReadOnlyList<string> Preferences(ProposalValidationErrors errors, IReadOnlyList<WorkProgrammeGroup> groups, IReadOnlyList<string?>? requested)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(groups);
        if (requested is not { Count: > 0 })
        {
            errors.Add("preferences", $"Choose at least one group, most wanted first: {string.Join(", ", groups.Select(g => g.Id))}.");
            return [];
        }

        var preferences = new List<string>();
        for (int i = 0; i < requested.Count; i++)
        {
            string? group = requested[i];
            if (!groups.Any(g => string.Equals(g.Id, group, StringComparison.Ordinal)))
            {
                errors.Add($"preferences[{i}]", $"'{group}' is not a group of the work programme: {string.Join(", ", groups.Select(g => g.Id))}.");
            }
            else if (preferences.Contains(group!))
            {
                errors.Add($"preferences[{i}]", $"'{group}' is chosen more than once.");
            }
            else
            {
                preferences.Add(group!);
            }
        }

        return preferences;
    }

    private static async Task<(RoundSnapshot? Round, CcgNominationStatus? Member, IResult? Refused)> CcgAsync(string id, string memberId, HttpContext context, AssemblyRounds rounds)
    {
        (RoundSnapshot? round, IResult? refused) = await MemberRoundAsync(AssemblyRoundKind.Nominations, id, memberId, context, rounds);
        if (refused is not null)
        {
            return (round, null, refused);
        }

        CcgNominationStatus member = ((NominationRoundStatus)round!.Status!).Members.Single(m => m.MemberId == memberId);
        if (round.NotOpen is { } reason)
        {
            return (round, member, ProposalProblems.Conflict("Action not allowed now", reason));
        }

        return (round, member, null);
    }

    private static async Task<(RoundSnapshot? Round, IResult? Refused)> MemberRoundAsync(AssemblyRoundKind kind, string id, string memberId, HttpContext context, AssemblyRounds rounds)
    {
        if (await rounds.LoadAsync(kind, id, context.RequestAborted) is not { } round)
        {
            return (null, ProposalProblems.NotFound("Round not found", $"No {kind.Noun} with id '{id}' exists."));
        }

        if (round.Status is null)
        {
            return (round, ProposalProblems.Conflict("Action not allowed now", round.NotOpen!));
        }

        return round.Status.MemberStates().Any(m => m.MemberId == memberId)
            ? (round, null)
            : (round, RoundActionEndpoints.MemberNotFound(kind, id, memberId));
    }
}
