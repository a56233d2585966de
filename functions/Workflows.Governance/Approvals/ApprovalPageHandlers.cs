using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;
using Workflows.DurableTask.Client;
using Workflows.Governance.Approvals.Pages;
using Workflows.Governance.Documents;
using Workflows.Governance.Pages;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Approvals;

/// <summary>The handlers of the approval pages. Showing a page never changes anything; confirming raises the decision
/// once, and only while the workflow waits for it.</summary>
internal sealed class ApprovalPageHandlers
{
    /// <summary>The longest comment accepted, in characters (line breaks counted as one).</summary>
    public const int MaxCommentLength = 2000;

    private static readonly TimeSpan ClaimPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly ApprovalDecisionGate gate = new();
    private readonly IRaisedDecisionLedger raised;
    private readonly ILogger logger;

    public ApprovalPageHandlers(ILogger logger, IRaisedDecisionLedger raised)
    {
        ArgumentNullException.ThrowIfNull(raised);
        this.logger = logger;
        this.raised = raised;
    }

    /// <summary>How long a confirmation waits to see its decision recorded before saying it was received.</summary>
    public TimeSpan RecordWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a confirmation waits for another's claim on the same decision to be raised or to lapse (then it
    /// raises the decision itself): a little beyond the claim's lifetime.</summary>
    public TimeSpan ClaimWait { get; init; } = DecisionMarkLifetimes.Default.Claim + TimeSpan.FromSeconds(2);

    /// <summary>GET <c>/approvals/{token}</c>: the proposal, its papers and the decision, with a confirm form.</summary>
    public async Task<IResult> ShowAsync(
        string token, HttpContext context, ApprovalTokens tokens, DurableTaskClient client, IAntiforgery antiforgery, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(antiforgery);
        (ApprovalGrant? grant, ApprovalTokenError error) = tokens.Read(token);
        if (grant is null)
        {
            return this.Refused(context, error);
        }

        var reader = new ApprovalStateReader(client, clock);
        ApprovalSituation situation = await reader.ReadAsync(grant, context.RequestAborted);
        string key = ApprovalDecisionGate.KeyOf(grant);
        if (situation.Kind != ApprovalSituationKind.Open)
        {
            await this.raised.ForgetAsync(key, CancellationToken.None);
            return Situation(context, situation, grant);
        }

        if (await this.raised.ReadAsync(key, context.RequestAborted) != DecisionMark.None)
        {
            return Page(context, ApprovalPage.Received(situation, grant), StatusCodes.Status202Accepted);
        }

        return Page(context, ConfirmPage(context, antiforgery, situation, grant, comment: null, error: null), StatusCodes.Status200OK);
    }

    /// <summary>POST <c>/approvals/{token}</c>: checks the anti-forgery token, the link and the state, raises the decision,
    /// and shows whether it was recorded.</summary>
    public async Task<IResult> ConfirmAsync(
        string token, HttpContext context, ApprovalTokens tokens, DurableTaskClient client, IAntiforgery antiforgery, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!await PageFormGuard.IsValidAsync(context, antiforgery))
        {
            ApprovalPagesLog.AntiforgeryFailed(this.logger);
            return Page(context, ApprovalPage.FormRejected(), StatusCodes.Status400BadRequest);
        }

        (ApprovalGrant? grant, ApprovalTokenError error) = tokens.Read(token);
        if (grant is null)
        {
            return this.Refused(context, error);
        }

        var reader = new ApprovalStateReader(client, clock);
        string? comment = await ReadCommentAsync(context);
        if (comment is { Length: > MaxCommentLength })
        {
            ApprovalSituation current = await reader.ReadAsync(grant, context.RequestAborted);
            return current.Kind == ApprovalSituationKind.Open
                ? Page(context, ConfirmPage(context, antiforgery, current, grant, comment, $"Your comment has {comment.Length} characters; shorten it to {MaxCommentLength} or fewer and confirm again. Nothing was recorded."), StatusCodes.Status400BadRequest)
                : this.Unchanged(context, current, grant);
        }

        string key = ApprovalDecisionGate.KeyOf(grant);
        using IDisposable turn = await this.gate.EnterAsync(key, context.RequestAborted);
        long waitStarted = Stopwatch.GetTimestamp();
        ApprovalSituation situation;
        while (true)
        {
            // Claimed before the state is read: a confirmation that wins the claim after another's was forgotten reads the
            // state that other one saw recorded, so two processes never both raise while the workflow waits.
            bool claimed = await this.raised.TryClaimAsync(key, context.RequestAborted);
            try
            {
                situation = await reader.ReadAsync(grant, context.RequestAborted);
            }
            catch when (claimed)
            {
                await this.raised.ForgetAsync(key, CancellationToken.None);
                throw;
            }

            if (situation.Kind != ApprovalSituationKind.Open)
            {
                await this.raised.ForgetAsync(key, CancellationToken.None);
                return this.Unchanged(context, situation, grant);
            }

            if (claimed)
            {
                break;
            }

            // Another confirmation holds the decision. Once it has raised it, the event is stored and this one says so.
            // Until then it is raising it now, or its process died doing so: wait, and take over when its claim lapses,
            // so that a crash between the claim and the raise never leaves the approver told of a decision never sent.
            DecisionMark mark = await this.raised.ReadAsync(key, context.RequestAborted);
            if (mark == DecisionMark.Raised || (mark == DecisionMark.Claimed && Stopwatch.GetElapsedTime(waitStarted) > this.ClaimWait))
            {
                ApprovalPagesLog.NothingChanged(this.logger, grant.ParticipantId, grant.InstanceId, ApprovalSituationKind.Open);
                return Page(context, ApprovalPage.Received(situation, grant), StatusCodes.Status202Accepted);
            }

            if (mark == DecisionMark.Claimed)
            {
                await Task.Delay(ClaimPollInterval, context.RequestAborted);
            }
        }

        try
        {
            await client.RaiseEventAsync(
                grant.InstanceId,
                ProposalEvents.Decision,
                new DecisionEvent(grant.Decision, ApprovalStateReader.Signature(grant), grant.Role, comment, grant.ParticipantId),
                CancellationToken.None);
        }
        catch (InstanceNotStartedException notStarted)
        {
            // Azure Storage: the workflow's start is still held by a worker (one that stopped, until its messages come
            // back). Nothing was sent; the approver gets the form again and is asked to confirm once more shortly.
            await this.raised.ForgetAsync(key, CancellationToken.None);
            ApprovalPagesLog.NotStartedYet(this.logger, grant.ParticipantId, grant.InstanceId);
            int seconds = Math.Max(1, (int)Math.Ceiling(notStarted.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Page(
                context,
                ConfirmPage(context, antiforgery, situation, grant, comment, "The workflow is catching up after a restart, so your decision could not be recorded yet. Nothing was recorded; please confirm again in a minute."),
                StatusCodes.Status503ServiceUnavailable);
        }
        catch
        {
            await this.raised.ForgetAsync(key, CancellationToken.None);
            throw;
        }

        await this.raised.MarkRaisedAsync(key, CancellationToken.None);
        ApprovalPagesLog.DecisionRaised(this.logger, grant.Decision, grant.ParticipantId, grant.InstanceId, grant.Role);

        long started = Stopwatch.GetTimestamp();
        while (situation.Kind == ApprovalSituationKind.Open && Stopwatch.GetElapsedTime(started) < this.RecordWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
            situation = await reader.ReadAsync(grant, context.RequestAborted);
        }

        switch (situation.Kind)
        {
            case ApprovalSituationKind.RecordedByYou:
                await this.raised.ForgetAsync(key, CancellationToken.None);
                return Page(context, ApprovalPage.Recorded(situation, grant), StatusCodes.Status200OK);
            case ApprovalSituationKind.Open:
                ApprovalPagesLog.NotYetRecorded(this.logger, grant.ParticipantId, grant.InstanceId, this.RecordWait);
                return Page(context, ApprovalPage.Received(situation, grant), StatusCodes.Status202Accepted);
            default:
                await this.raised.ForgetAsync(key, CancellationToken.None);
                return Situation(context, situation, grant);
        }
    }

    /// <summary>GET <c>/approvals/{token}/papers/{name}</c>: one of the proposal's papers, as a download.</summary>
    public async Task<IResult> PaperAsync(
        string token, string name, HttpContext context, ApprovalTokens tokens, DurableTaskClient client, IDocumentStore documents, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(documents);
        (ApprovalGrant? grant, ApprovalTokenError error) = tokens.Read(token);
        if (grant is null)
        {
            return this.Refused(context, error);
        }

        ProposalInput? proposal = await new ApprovalStateReader(client, clock).ReadProposalAsync(grant.ProposalId, context.RequestAborted);
        PaperReference? paper = proposal?.Papers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
        StoredDocument? document = paper is null ? null : await documents.OpenAsync(paper.Path, context.RequestAborted);
        if (paper is null || document is null)
        {
            ApprovalPagesLog.PaperNotFound(this.logger, grant.ProposalId);
            return Page(context, ApprovalPage.PaperNotFound(), StatusCodes.Status404NotFound);
        }

        // Papers are uploaded by people: always a download, never rendered on this origin.
        IHeaderDictionary headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        string contentType = MediaTypeHeaderValue.TryParse(document.ContentType, out _) ? document.ContentType : "application/octet-stream";
        return Results.Stream(document.Content, contentType, fileDownloadName: paper.Name);
    }

    private static async Task<string?> ReadCommentAsync(HttpContext context)
    {
        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? comment = form["comment"].FirstOrDefault()?.ReplaceLineEndings("\n").Trim();
        return string.IsNullOrEmpty(comment) ? null : comment;
    }

    private static ApprovalPageModel ConfirmPage(HttpContext context, IAntiforgery antiforgery, ApprovalSituation situation, ApprovalGrant grant, string? comment, string? error)
    {
        AntiforgeryTokenSet form = antiforgery.GetAndStoreTokens(context);
        string action = (context.Request.PathBase + context.Request.Path).ToString();
        return ApprovalPage.Confirm(situation, grant, action, form.FormFieldName, form.RequestToken ?? string.Empty, comment, error);
    }

    private static RazorPageResult<ApprovalView> Situation(HttpContext context, ApprovalSituation situation, ApprovalGrant grant) => situation.Kind switch
    {
        ApprovalSituationKind.RecordedByYou => Page(context, ApprovalPage.AlreadyRecorded(situation, grant), StatusCodes.Status409Conflict),
        ApprovalSituationKind.DecidedByOther => Page(context, ApprovalPage.DecidedByOther(situation, grant), StatusCodes.Status409Conflict),
        ApprovalSituationKind.Withdrawn => Page(context, ApprovalPage.Withdrawn(situation, grant), StatusCodes.Status410Gone),
        ApprovalSituationKind.Expired => Page(context, ApprovalPage.Expired(situation, grant), StatusCodes.Status410Gone),
        _ => Page(context, ApprovalPage.Closed(situation, grant), StatusCodes.Status410Gone),
    };

    private static RazorPageResult<ApprovalView> Page(HttpContext context, ApprovalPageModel page, int statusCode) =>
        new RazorPageResult<ApprovalView>(new Dictionary<string, object?> { [nameof(ApprovalView.Model)] = page }, statusCode, ApprovalPage.Stylesheet.ContentSecurityPolicy);

    private RazorPageResult<ApprovalView> Unchanged(HttpContext context, ApprovalSituation situation, ApprovalGrant grant)
    {
        ApprovalPagesLog.NothingChanged(this.logger, grant.ParticipantId, grant.InstanceId, situation.Kind);
        return Situation(context, situation, grant);
    }

    private RazorPageResult<ApprovalView> Refused(HttpContext context, ApprovalTokenError error)
    {
        ApprovalPagesLog.TokenRefused(this.logger, error);
        return error == ApprovalTokenError.Expired
            ? Page(context, ApprovalPage.Expired(null, null), StatusCodes.Status410Gone)
            : Page(context, ApprovalPage.InvalidLink(), StatusCodes.Status400BadRequest);
    }
}
