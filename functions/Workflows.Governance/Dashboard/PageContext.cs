using Workflows.Governance.Pages;

namespace Workflows.Governance.Dashboard;

/// <summary>What every dashboard page's layout needs.</summary>
/// <param name="Token">The anti-forgery token of the page's forms.</param>
/// <param name="Flash">The message left by the last action, shown once.</param>
/// <param name="OutboxActive">Whether the development outbox is the sender (its link is shown).</param>
/// <param name="Refresh">Whether the page reloads itself.</param>
/// <param name="CurrentUrl">The page's path and query, for the auto-refresh switch.</param>
public sealed record PageContext(PageFormToken Token, Flash? Flash, bool OutboxActive, bool Refresh, string CurrentUrl);
