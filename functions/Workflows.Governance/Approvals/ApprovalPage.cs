using System.Globalization;
using Workflows.Governance.Approvals.Pages;
using Workflows.Governance.Pages;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>The approver-facing pages (Razor components in <c>Approvals/Pages</c>, rendered on the server by
/// <see cref="RazorPageResult{TComponent}"/>): what each shows, and the words they use. An inline stylesheet (allowed
/// by its hash in the Content-Security-Policy) and no script; each page's <c>main</c> element names the page in
/// <c>data-page</c>, and no page shows an email address.</summary>
internal static class ApprovalPage
{
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

    /// <summary>The pages' stylesheet and the Content-Security-Policy that allows it.</summary>
    public static readonly PageStylesheet Stylesheet = new(Style);

    /// <summary>The page that shows the proposal and the decision and asks to confirm it; it decides nothing.</summary>
    public static ApprovalPageModel Confirm(ApprovalSituation situation, ApprovalGrant grant, string action, string formFieldName, string requestToken, string? comment, string? error) =>
        new(ApprovalPageKind.Confirm, situation, grant, new ApprovalForm(action, formFieldName, requestToken, comment, error));

    /// <summary>The page after a confirmation the workflow recorded.</summary>
    public static ApprovalPageModel Recorded(ApprovalSituation situation, ApprovalGrant grant) => new(ApprovalPageKind.Recorded, situation, grant);

    /// <summary>The page after a confirmation the workflow has not yet been seen to record.</summary>
    public static ApprovalPageModel Received(ApprovalSituation situation, ApprovalGrant grant) => new(ApprovalPageKind.Received, situation, grant);

    /// <summary>The page for a decision this person already took (a double click, a reused link).</summary>
    public static ApprovalPageModel AlreadyRecorded(ApprovalSituation situation, ApprovalGrant grant) => new(ApprovalPageKind.AlreadyRecorded, situation, grant);

    /// <summary>The page for a decision someone else (the deputy, the approver, an admin) already took.</summary>
    public static ApprovalPageModel DecidedByOther(ApprovalSituation situation, ApprovalGrant grant) => new(ApprovalPageKind.DecidedByOther, situation, grant);

    /// <summary>The page for a withdrawn proposal.</summary>
    public static ApprovalPageModel Withdrawn(ApprovalSituation situation, ApprovalGrant grant) => new(ApprovalPageKind.Withdrawn, situation, grant);

    /// <summary>The page for a decision the workflow no longer waits for.</summary>
    public static ApprovalPageModel Closed(ApprovalSituation situation, ApprovalGrant grant) => new(ApprovalPageKind.Closed, situation, grant);

    /// <summary>The page for a passed deadline; the situation is known when the token was still valid but the
    /// decision's own deadline had passed.</summary>
    public static ApprovalPageModel Expired(ApprovalSituation? situation, ApprovalGrant? grant) => new(ApprovalPageKind.Expired, situation, grant);

    /// <summary>The page for a malformed, altered or foreign token.</summary>
    public static ApprovalPageModel InvalidLink() => new(ApprovalPageKind.InvalidLink);

    /// <summary>The page for a confirmation whose anti-forgery check failed.</summary>
    public static ApprovalPageModel FormRejected() => new(ApprovalPageKind.FormRejected);

    /// <summary>The page for a paper that is not one of the proposal's.</summary>
    public static ApprovalPageModel PaperNotFound() => new(ApprovalPageKind.PaperNotFound);

    /// <summary>The page's title.</summary>
    public static string TitleOf(ApprovalPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Kind switch
        {
            ApprovalPageKind.Confirm => $"Confirm your decision: {model.Situation?.Title}",
            ApprovalPageKind.Recorded => "Your decision was recorded",
            ApprovalPageKind.Received => "Your decision was received",
            ApprovalPageKind.AlreadyRecorded => "Your decision was already recorded",
            ApprovalPageKind.DecidedByOther => "This decision was already taken",
            ApprovalPageKind.Withdrawn => "This proposal was withdrawn",
            ApprovalPageKind.Closed => "This decision is no longer open",
            ApprovalPageKind.Expired => "The deadline for this decision has passed",
            ApprovalPageKind.InvalidLink => "This link is not valid",
            ApprovalPageKind.FormRejected => "Your confirmation could not be accepted",
            _ => "Paper not found",
        };
    }

    /// <summary>The page's name in <c>data-page</c>.</summary>
    public static string NameOf(ApprovalPageKind kind) => kind switch
    {
        ApprovalPageKind.AlreadyRecorded => "already-recorded",
        ApprovalPageKind.DecidedByOther => "decided-by-other",
        ApprovalPageKind.InvalidLink => "invalid-link",
        ApprovalPageKind.FormRejected => "form-rejected",
        ApprovalPageKind.PaperNotFound => "paper-not-found",
        _ => kind.ToString().ToLowerInvariant(),
    };

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

    /// <summary>How a participant's state is named on the pages.</summary>
    public static string StateText(ParticipantState? state) => state switch
    {
        ParticipantState.Referred => "Referred to member bodies",
        ParticipantState.NoResponse => "No response",
        ParticipantState.NotAsked => "Not asked",
        null => "Decided",
        _ => state.Value.ToString(),
    };

    /// <summary>How a role is named on the pages.</summary>
    public static string RoleText(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return role switch
        {
            "Chair" => "chair",
            "Approver" => "approver",
            "Deputy" => "deputy approver",
            _ => role.ToLowerInvariant(),
        };
    }

    /// <summary>A paper's size for people.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
