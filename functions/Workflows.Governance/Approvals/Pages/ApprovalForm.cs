namespace Workflows.Governance.Approvals.Pages;

/// <summary>The confirmation form of the confirm page.</summary>
/// <param name="Action">Where it posts (the page's own path).</param>
/// <param name="FormFieldName">The anti-forgery token's field.</param>
/// <param name="RequestToken">The anti-forgery request token.</param>
/// <param name="Comment">The comment to show again after an error.</param>
/// <param name="Error">What was wrong with the last submission.</param>
public sealed record ApprovalForm(string Action, string FormFieldName, string RequestToken, string? Comment, string? Error);
