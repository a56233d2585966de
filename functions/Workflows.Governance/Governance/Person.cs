namespace Workflows.Governance.Governance;

/// <summary>Someone the service emails: an approver, a deputy, a chair or the congress secretary.</summary>
public sealed record Person
{
    /// <summary>The name used in emails and pages.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The email address that approval requests, reminders and notices are sent to.</summary>
    public string Email { get; init; } = string.Empty;
}
