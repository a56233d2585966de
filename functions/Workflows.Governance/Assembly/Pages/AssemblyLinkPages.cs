using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;
using Workflows.Governance.Approvals;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Assembly.Links;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Documents;
using Workflows.Governance.Pages;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Assembly.Pages;

/// <summary>The handlers of the pages assembly links open. Showing a page never changes anything; a confirmed,
/// anti-forgery-checked POST raises the answer once the form is valid, and only while the workflow waits for it.</summary>
internal sealed class AssemblyLinkPages(ILogger logger)
{
    /// <summary>The Content-Security-Policy of every page: the site's stylesheet only, forms posting back here.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>How long a confirmation waits to see its answer recorded before saying it was received.</summary>
    public TimeSpan RecordWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>GET <c>/assembly/links/{token}</c>.</summary>
    public async Task<IResult> ShowAsync(string token, HttpContext context, AssemblyTokens tokens, DurableTaskClient client, IAntiforgery antiforgery, AssemblyHtml html, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        (AssemblyGrant? grant, ApprovalTokenError error) = tokens.Read(token);
        if (grant is null)
        {
            return await this.RefusedAsync(context, html, error);
        }

        LinkSituation situation = await new AssemblyLinkReader(client, clock).ReadAsync(grant, context.RequestAborted);
        return situation.Kind == LinkSituationKind.Open
            ? await FormAsync(context, antiforgery, html, grant, situation, values: null, [], StatusCodes.Status200OK)
            : await SituationAsync(context, html, situation);
    }

    /// <summary>POST <c>/assembly/links/{token}</c>.</summary>
    public async Task<IResult> ConfirmAsync(string token, HttpContext context, AssemblyTokens tokens, DurableTaskClient client, IAntiforgery antiforgery, AssemblyHtml html, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(client);
        if (!await PageFormGuard.IsValidAsync(context, antiforgery))
        {
            AssemblyPagesLog.AntiforgeryFailed(logger);
            return await NoticeAsync(context, html, StatusCodes.Status400BadRequest, "form-rejected", "Your answer could not be accepted",
                "The form did not come from this service's page, or the page was open too long or in another browser (the security check failed). Nothing was recorded.",
                "Open the link in your email again and confirm from the page it shows.");
        }

        (AssemblyGrant? grant, ApprovalTokenError error) = tokens.Read(token);
        if (grant is null)
        {
            return await this.RefusedAsync(context, html, error);
        }

        var reader = new AssemblyLinkReader(client, clock);
        LinkSituation situation = await reader.ReadAsync(grant, context.RequestAborted);
        if (situation.Kind != LinkSituationKind.Open)
        {
            AssemblyPagesLog.NothingChanged(logger, grant.Kind, grant.MemberId, grant.InstanceId, situation.Kind);
            return await SituationAsync(context, html, situation);
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        Dictionary<string, string> values = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        (string eventName, object? answer, IReadOnlyList<FieldProblem> problems) = Answer(grant, situation, values);
        if (answer is null)
        {
            return await FormAsync(context, antiforgery, html, grant, situation, values, problems, StatusCodes.Status400BadRequest);
        }

        await client.RaiseEventAsync(grant.InstanceId, eventName, answer, CancellationToken.None);
        AssemblyPagesLog.AnswerRaised(logger, grant.Kind, grant.MemberId, grant.InstanceId, grant.Role);
        string before = situation.Progress;
        long started = Stopwatch.GetTimestamp();
        while (situation.Progress == before && Stopwatch.GetElapsedTime(started) < this.RecordWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
            situation = await reader.ReadAsync(grant, context.RequestAborted);
        }

        return situation.Progress == before
            ? await NoticeAsync(context, html, StatusCodes.Status202Accepted, "received", "Your answer was received",
                "Your answer was received and is being recorded. There is no need to send it again.", null, situation)
            : await NoticeAsync(context, html, StatusCodes.Status200OK, "recorded", "Your answer was recorded",
                Recorded(grant), null, situation, tone: "ok");
    }

    /// <summary>GET <c>/assembly/links/{token}/documents/{documentId}</c>: a draft of the consultation, as a download.</summary>
    public async Task<IResult> DocumentAsync(string token, string documentId, HttpContext context, AssemblyTokens tokens, DurableTaskClient client, IDocumentStore documents, AssemblyHtml html, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(documents);
        (AssemblyGrant? grant, ApprovalTokenError error) = tokens.Read(token);
        if (grant is null)
        {
            return await this.RefusedAsync(context, html, error);
        }

        LinkSituation situation = await new AssemblyLinkReader(client, clock).ReadAsync(grant, context.RequestAborted);
        DraftDocument? draft = grant.Kind == AssemblyLinkKind.Respond ? situation.Consultation?.Documents.FirstOrDefault(d => d.Id == documentId) : null;
        StoredDocument? stored = draft is null ? null : await documents.OpenAsync(draft.Path, context.RequestAborted);
        if (draft is null || stored is null)
        {
            return await NoticeAsync(context, html, StatusCodes.Status404NotFound, "document-not-found", "Document not found", "This consultation has no document of that name.", null);
        }

        // Drafts are uploaded by people: always a download, never rendered on this origin.
        IHeaderDictionary headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        string contentType = MediaTypeHeaderValue.TryParse(stored.ContentType, out _) ? stored.ContentType : "application/octet-stream";
        return Results.Stream(stored.Content, contentType, fileDownloadName: draft.FileName);
    }

    // The event and its payload, or the problems that keep the form from being sent.
    private static (string EventName, object? Answer, IReadOnlyList<FieldProblem> Problems) Answer(AssemblyGrant grant, LinkSituation situation, Dictionary<string, string> form)
    {
        string Field(string name) => form.TryGetValue(name, out string? value) ? value : string.Empty;
        var errors = new ProposalValidationErrors();
        switch (grant.Kind)
        {
            case AssemblyLinkKind.Nominate:
            {
                (Nomination? nomination, IReadOnlyList<(string Field, string Message)> problems) = NominationRules.Check(Field("name"), Field("role"), Field("registration"), Field("email"));
                return (AssemblyEvents.Nomination, nomination is null ? null : new NominationEvent(grant.Attempt, nomination, grant.Signature), [.. problems.Select(p => new FieldProblem(p.Field, p.Message))]);
            }

            case AssemblyLinkKind.Review:
            {
                string decision = Field("decision");
                string reason = Field("reason").ReplaceLineEndings("\n").Trim();
                var problems = new List<FieldProblem>();
                if (decision is not ("accept" or "return"))
                {
                    problems.Add(new FieldProblem("decision", "Choose whether to accept the nomination or return it."));
                }
                else if (decision == "return" && reason.Length == 0)
                {
                    problems.Add(new FieldProblem("reason", "Give the reason for returning the nomination; the CCG is sent it."));
                }

                if (reason.Length > NominationRules.MaxReasonLength)
                {
                    problems.Add(new FieldProblem("reason", $"The reason has {reason.Length} characters; shorten it to {NominationRules.MaxReasonLength} or fewer."));
                }

                return (AssemblyEvents.Review, problems.Count > 0 ? null : new ReviewEvent(grant.Attempt, decision == "accept", reason.Length == 0 ? null : reason, grant.Signature), problems);
            }

            case AssemblyLinkKind.Respond:
            {
                IReadOnlyList<DraftDocument> drafts = situation.Consultation!.Documents;
                ViewRequest[] given = [.. drafts.Select(d => new ViewRequest { Document = d.Id, Position = Field($"position-{d.Id}"), Comments = Field($"comments-{d.Id}") })];
                IReadOnlyList<DocumentView> views = OnBehalfEndpoints.Views(errors, drafts, given);
                return (AssemblyEvents.Response, errors.IsEmpty ? new ResponseEvent(grant.MemberId, views, grant.Signature) : null, Problems(errors));
            }

            default:
            {
                IReadOnlyList<WorkProgrammeGroup> groups = situation.WorkProgramme!.Groups;
                (WorkProgrammeGroup Group, int Rank)[] ranked = [.. groups
                    .Select(g => (Group: g, Text: Field($"rank-{g.Id}")))
                    .Where(g => g.Text.Length > 0)
                    .Select(g => (g.Group, Rank: int.TryParse(g.Text, out int rank) ? rank : 0))];
                foreach (int twice in ranked.GroupBy(r => r.Rank).Where(g => g.Count() > 1).Select(g => g.Key))
                {
                    errors.Add("preferences", $"Preference {twice} is given to more than one group; give each group its own number.");
                }

                IReadOnlyList<string> preferences = OnBehalfEndpoints.Preferences(errors, groups, [.. ranked.OrderBy(r => r.Rank).Select(r => r.Group.Id)]);
                return (AssemblyEvents.Interest, errors.IsEmpty ? new InterestEvent(grant.MemberId, preferences, grant.Signature) : null, Problems(errors));
            }
        }
    }

    private static IReadOnlyList<FieldProblem> Problems(ProposalValidationErrors errors) =>
        [.. errors.ToDictionary().SelectMany(e => e.Value.Select(m => new FieldProblem(e.Key, m)))];

    private static string Recorded(AssemblyGrant grant) => grant.Kind switch
    {
        AssemblyLinkKind.Nominate => "Your nomination was recorded and sent to the design group for review. Thank you; you can close this page.",
        AssemblyLinkKind.Review => "Your review was recorded; the CCG is told the outcome. Thank you; you can close this page.",
        AssemblyLinkKind.Respond => "Your response was recorded. You may open your link again to revise it until the consultation closes.",
        _ => "Your choice was recorded. You may open your link again to change it until the round closes.",
    };

    private static Task<IResult> FormAsync(
        HttpContext context, IAntiforgery antiforgery, AssemblyHtml html, AssemblyGrant grant, LinkSituation situation,
        IReadOnlyDictionary<string, string>? values, IReadOnlyList<FieldProblem> problems, int statusCode)
    {
        AntiforgeryTokenSet tokens = antiforgery.GetAndStoreTokens(context);
        var secret = new FormSecret(tokens.FormFieldName, tokens.RequestToken ?? string.Empty);
        string action = (context.Request.PathBase + context.Request.Path).ToString();
        var parameters = new Dictionary<string, object?> { ["Action"] = action, ["Form"] = secret, ["Problems"] = problems };
        switch (grant.Kind)
        {
            case AssemblyLinkKind.Nominate:
                parameters["Grant"] = grant;
                parameters["Situation"] = situation;
                parameters["Values"] = values ?? new Dictionary<string, string>();
                return RenderAsync<NominationForm>(context, html, parameters, statusCode);
            case AssemblyLinkKind.Review:
                parameters["Situation"] = situation;
                parameters["Decision"] = values?.GetValueOrDefault("decision");
                parameters["Reason"] = values?.GetValueOrDefault("reason");
                return RenderAsync<ReviewForm>(context, html, parameters, statusCode);
            case AssemblyLinkKind.Respond:
                parameters["Consultation"] = situation.Consultation;
                parameters["MemberName"] = situation.MemberName;
                parameters["Member"] = situation.Consultation!.Members.FirstOrDefault(m => m.MemberId == grant.MemberId);
                parameters["Values"] = values;
                return RenderAsync<ResponseForm>(context, html, parameters, statusCode);
            default:
                parameters["Round"] = situation.WorkProgramme;
                parameters["MemberName"] = situation.MemberName;
                parameters["Member"] = situation.WorkProgramme!.Members.FirstOrDefault(m => m.MemberId == grant.MemberId);
                parameters["Values"] = values;
                return RenderAsync<InterestForm>(context, html, parameters, statusCode);
        }
    }

    private static Task<IResult> SituationAsync(HttpContext context, AssemblyHtml html, LinkSituation situation) => situation.Kind switch
    {
        LinkSituationKind.Used => NoticeAsync(context, html, StatusCodes.Status409Conflict, "used", "This link has been used", $"{situation.Reason} Nothing was changed.", null, situation, tone: "warn"),
        LinkSituationKind.Expired => Expired(context, html, situation),
        _ => NoticeAsync(context, html, StatusCodes.Status410Gone, "closed", "This round is no longer open", $"{situation.Reason} Nothing was recorded.", null, situation),
    };

    private static Task<IResult> Expired(HttpContext context, AssemblyHtml html, LinkSituation? situation) =>
        NoticeAsync(context, html, StatusCodes.Status410Gone, "expired", "The closing date has passed",
            "This link expired when the round closed, and an answer after the close is refused. Nothing was recorded.",
            "If the round has been extended, use the link in the most recent email you received about it.", situation);

    private static Task<IResult> NoticeAsync(
        HttpContext context, AssemblyHtml html, int statusCode, string page, string title, string message, string? advice, LinkSituation? situation = null, string tone = "bad") =>
        RenderAsync<LinkNotice>(context, html, new Dictionary<string, object?>
        {
            ["Title"] = title,
            ["Page"] = page,
            ["Message"] = message,
            ["Advice"] = advice,
            ["Tone"] = tone,
            ["MemberName"] = situation?.MemberName,
            ["ClosesAt"] = situation?.ClosesAt,
        }, statusCode);

    private static async Task<IResult> RenderAsync<TComponent>(HttpContext context, AssemblyHtml html, Dictionary<string, object?> parameters, int statusCode)
        where TComponent : IComponent
    {
        string body = await html.RenderAsync<TComponent>(parameters);
        IHeaderDictionary headers = context.Response.Headers;

        // The link is a credential: no cache keeps the page, no referrer carries it elsewhere, no frame shows it.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        return Results.Content(body, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private Task<IResult> RefusedAsync(HttpContext context, AssemblyHtml html, ApprovalTokenError error)
    {
        AssemblyPagesLog.TokenRefused(logger, error);
        return error == ApprovalTokenError.Expired
            ? Expired(context, html, null)
            : NoticeAsync(context, html, StatusCodes.Status400BadRequest, "invalid-link", "This link is not valid",
                "The link may have been cut short or altered, or it was not issued by this service. Nothing was recorded.",
                "Open the link exactly as it appears in your email; if your email program split it across lines, copy the whole of it into the address bar.");
    }
}
