namespace Workflows.Governance.Approvals;

/// <summary>Settings of approval links (section <c>Governance:Approvals</c>).</summary>
public sealed class ApprovalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Governance:Approvals";

    /// <summary>The address approvers reach the service at; links in emails start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";
}
