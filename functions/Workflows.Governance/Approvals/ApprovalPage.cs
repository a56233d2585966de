using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>Renders the approver-facing pages: plain server-side HTML with every value encoded, an inline stylesheet
/// (allowed by its hash in the Content-Security-Policy) and no script. Each page's <c>main</c> element names the page in
/// <c>data-page</c>, and no page shows an email address.</summary>
internal static class ApprovalPage
{
    /// <summary>The Content-Security-Policy of every page: nothing but the inline stylesheet, forms posting back here only.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; "
        + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private const string Style = """

        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f4f5f7; color: #1d2329; line-height: 1.5; }
        main { max-width: 44rem; margin: 2.5rem auto; background: #fff; border: 1px solid #d8dce1; border-radius: 8px; padding: 1.5rem 2rem 2rem; }
        h1 { font-size: 1.5rem; margin: 0 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .25rem; }
        h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
        dt { font-weight: 600; color: #4a5560; }
        dd { margin: 0; }
        .summary { white-space: pre-wrap; }
        .notice { border-left: 4px solid #56606b; background: #f6f7f8; padding: .75rem 1rem; }
        .ok { border-color: #1e7a3d; background: #eef8f1; }
        .warn { border-color: #b26a00; background: #fdf6ea; }
        .bad { border-color: #b3261e; background: #fcefee; }
        .decision { font-size: 1.15rem; }
        .decision-Approve strong { color: #1e7a3d; }
        .decision-Reject strong { color: #b3261e; }
        .decision-Refer strong { color: #8a5a00; }
        label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
        textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; border: 1px solid #b8bfc7; border-radius: 4px; }
        button { margin-top: 1rem; font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #1d4f91; color: #fff; cursor: pointer; }
        .error { color: #b3261e; font-weight: 600; }
        .small { color: #56606b; font-size: .9rem; }

        """;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The page that shows the proposal and the decision and asks to confirm it; it decides nothing.</summary>
    /// <param name="situation">The proposal and the participant's state.</param>
    /// <param name="grant">What the link takes.</param>
    /// <param name="action">Where the form posts (this page's path).</param>
    /// <param name="formFieldName">The anti-forgery token's form field.</param>
    /// <param name="requestToken">The anti-forgery request token.</param>
    /// <param name="comment">The comment to show again, after an error.</param>
    /// <param name="error">What was wrong with the last submission, if anything.</param>
    public static string Confirm(ApprovalSituation situation, ApprovalGrant grant, string action, string formFieldName, string requestToken, string? comment, string? error)
    {
        var html = new StringBuilder();
        html.Append("<h1>Confirm your decision</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>You are asked to decide on this proposal as {E(RoleText(grant.Role))} for <strong>{E(situation.ParticipantName)}</strong>. Nothing is decided until you confirm below.</p>\n");
        AppendProposal(html, situation, grant, action);
        if (error is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\">{E(error)}</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{E(action)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"decision decision-{grant.Decision}\">Your decision: <strong data-field=\"decision\">{E(DecisionText(grant.Decision))}</strong></p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(formFieldName)}\" value=\"{E(requestToken)}\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"comment\">Comment (optional, up to {ApprovalPageHandlers.MaxCommentLength} characters)</label>\n");
        html.Append(CultureInfo.InvariantCulture, $"<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"{ApprovalPageHandlers.MaxCommentLength}\">{E(comment ?? string.Empty)}</textarea>\n");
        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">Confirm: {E(DecisionText(grant.Decision))}</button>\n</form>\n");
        html.Append("<p class=\"small\">If this is not the decision you meant, close this page and use the other link in your email.</p>\n");
        return Layout("confirm", $"Confirm your decision: {situation.Title}", html.ToString());
    }

    /// <summary>The page after a confirmation the workflow recorded.</summary>
    public static string Recorded(ApprovalSituation situation, ApprovalGrant grant)
    {
        var html = new StringBuilder("<h1>Your decision was recorded</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice ok\">Recorded: <strong data-field=\"decision\">{E(StateText(situation.State))}</strong> for {E(situation.ParticipantName)}, on {Time(situation.DecidedAt)}. Thank you; you can close this page.</p>\n");
        AppendSummary(html, situation, grant);
        return Layout("recorded", "Your decision was recorded", html.ToString());
    }

    /// <summary>The page after a confirmation the workflow has not yet been seen to record.</summary>
    public static string Received(ApprovalSituation situation, ApprovalGrant grant)
    {
        var html = new StringBuilder("<h1>Your decision was received</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\">Your decision ({E(DecisionText(grant.Decision))}) for {E(situation.ParticipantName)} was received and is being recorded. There is no need to confirm again; open your link later to see it recorded.</p>\n");
        AppendSummary(html, situation, grant);
        return Layout("received", "Your decision was received", html.ToString());
    }

    /// <summary>The page for a decision this person already took (a double click, a reused link).</summary>
    public static string AlreadyRecorded(ApprovalSituation situation, ApprovalGrant grant)
    {
        var html = new StringBuilder("<h1>Your decision was already recorded</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice warn\">Your decision was already recorded on {Time(situation.DecidedAt)}: <strong data-field=\"state\">{E(StateText(situation.State))}</strong>. It cannot be taken twice, and nothing was changed.</p>\n");
        AppendSummary(html, situation, grant);
        return Layout("already-recorded", "Your decision was already recorded", html.ToString());
    }

    /// <summary>The page for a decision someone else (the deputy, the approver, an admin) already took.</summary>
    public static string DecidedByOther(ApprovalSituation situation, ApprovalGrant grant)
    {
        var html = new StringBuilder("<h1>This decision was already taken</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice warn\">The decision for {E(situation.ParticipantName)} was already taken by <strong data-field=\"decided-by\">{E(situation.DecidedBy ?? "someone else")}</strong> on {Time(situation.DecidedAt)}: <strong data-field=\"state\">{E(StateText(situation.State))}</strong>. Nothing was changed.</p>\n");
        AppendSummary(html, situation, grant);
        return Layout("decided-by-other", "This decision was already taken", html.ToString());
    }

    /// <summary>The page for a withdrawn proposal.</summary>
    public static string Withdrawn(ApprovalSituation situation, ApprovalGrant grant)
    {
        var html = new StringBuilder("<h1>This proposal was withdrawn</h1>\n");
        html.Append("<p class=\"notice bad\">The proposal was withdrawn, so no decision on it is needed any more. Nothing was recorded.</p>\n");
        AppendSummary(html, situation, grant);
        return Layout("withdrawn", "This proposal was withdrawn", html.ToString());
    }

    /// <summary>The page for a decision the workflow no longer waits for.</summary>
    public static string Closed(ApprovalSituation situation, ApprovalGrant grant)
    {
        var html = new StringBuilder("<h1>This decision is no longer open</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice bad\"><span data-field=\"reason\">{E(situation.Reason ?? "The proposal no longer waits for this decision.")}</span> Nothing was recorded.</p>\n");
        AppendSummary(html, situation, grant);
        return Layout("closed", "This decision is no longer open", html.ToString());
    }

    /// <summary>The page for a link whose deadline has passed; the situation is known when the token was still valid but
    /// the decision's own deadline had passed.</summary>
    public static string Expired(ApprovalSituation? situation, ApprovalGrant? grant)
    {
        var html = new StringBuilder("<h1>The deadline for this decision has passed</h1>\n");
        html.Append("<p class=\"notice bad\">This link expired at the decision's deadline, and a decision made after the deadline is refused. Nothing was recorded.</p>\n");
        html.Append("<p>If the deadline has been extended, use the link in the most recent email you received about this proposal.</p>\n");
        if (situation is not null && grant is not null)
        {
            AppendSummary(html, situation, grant);
        }

        return Layout("expired", "The deadline for this decision has passed", html.ToString());
    }

    /// <summary>The page for a malformed, altered or foreign token.</summary>
    public static string InvalidLink() => Layout("invalid-link", "This link is not valid", """
        <h1>This link is not valid</h1>
        <p class="notice bad">The link may have been cut short or altered, or it was not issued by this service. Nothing was recorded.</p>
        <p>Open the link exactly as it appears in your email; if your email program split it across lines, copy the whole of it into the address bar.</p>

        """);

    /// <summary>The page for a confirmation whose anti-forgery check failed.</summary>
    public static string FormRejected() => Layout("form-rejected", "Your confirmation could not be accepted", """
        <h1>Your confirmation could not be accepted</h1>
        <p class="notice bad">The confirmation did not come from this service's page, or the page was open too long or in another browser (the security check failed). Nothing was recorded.</p>
        <p>Open the link in your email again and confirm from the page it shows.</p>

        """);

    /// <summary>The page for a paper that is not one of the proposal's.</summary>
    public static string PaperNotFound() => Layout("paper-not-found", "Paper not found", """
        <h1>Paper not found</h1>
        <p class="notice bad">This proposal has no paper of that name.</p>

        """);

    /// <summary>How a decision is named on the pages.</summary>
    public static string DecisionText(ApprovalDecision decision) => decision switch
    {
        ApprovalDecision.Approve => "Approve",
        ApprovalDecision.Reject => "Reject",
        _ => "Refer to member bodies",
    };

    /// <summary>The link to a paper of the proposal.</summary>
    public static string PaperLink(string action, PaperReference paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return $"{action}/papers/{Uri.EscapeDataString(paper.Name)}";
    }

    private static string StateText(ParticipantState? state) => state switch
    {
        ParticipantState.Referred => "Referred to member bodies",
        ParticipantState.NoResponse => "No response",
        ParticipantState.NotAsked => "Not asked",
        null => "Decided",
        _ => state.Value.ToString(),
    };

    private static string RoleText(string role) => role switch
    {
        "Chair" => "chair",
        "Approver" => "approver",
        "Deputy" => "deputy approver",
        _ => role.ToLowerInvariant(),
    };

    private static void AppendProposal(StringBuilder html, ApprovalSituation situation, ApprovalGrant grant, string action)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 data-field=\"title\">{E(situation.Title)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" data-field=\"summary\">{E(situation.Summary)}</p>\n<dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Deciding for</dt><dd data-field=\"participant\">{E(situation.ParticipantName)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>You</dt><dd data-field=\"person\">{E(grant.Name)}, {E(RoleText(grant.Role))}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Deadline</dt><dd data-field=\"deadline\">{Time(situation.Deadline)}</dd>\n</dl>\n");
        html.Append("<h3>Papers</h3>\n");
        if (situation.Papers.Count == 0)
        {
            html.Append("<p class=\"small\">This proposal has no papers.</p>\n");
            return;
        }

        html.Append("<ul class=\"papers\">\n");
        foreach (PaperReference paper in situation.Papers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(PaperLink(action, paper))}\">{E(paper.Name)}</a> <span class=\"small\">({E(Size(paper.Length))})</span></li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void AppendSummary(StringBuilder html, ApprovalSituation situation, ApprovalGrant grant)
    {
        if (situation.Title.Length == 0)
        {
            return;
        }

        html.Append("<dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Proposal</dt><dd data-field=\"title\">{E(situation.Title)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Deciding for</dt><dd data-field=\"participant\">{E(situation.ParticipantName)}</dd>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>You</dt><dd data-field=\"person\">{E(grant.Name)}, {E(RoleText(grant.Role))}</dd>\n</dl>\n");
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };

    private static string Time(DateTime? value)
    {
        if (value is not { } at)
        {
            return "an unknown date";
        }

        DateTime utc = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        string machine = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string human = utc.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return $"<time datetime=\"{E(machine)}\">{E(human)}</time>";
    }

    private static string E(string value) => Encoder.Encode(value);

    private static string Layout(string page, string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <meta name="referrer" content="no-referrer">
        <title>{E(title)}</title>
        <style>{Style}</style>
        </head>
        <body>
        <main data-page="{E(page)}">
        {body}</main>
        </body>
        </html>

        """;
}
