namespace Workflows.Governance.Approvals;

/// <summary>Why a token could not be read.</summary>
public enum ApprovalTokenError
{
    /// <summary>The token was read.</summary>
    None,

    /// <summary>The token is malformed or was altered, or was issued by another installation.</summary>
    Invalid,

    /// <summary>The token's deadline has passed.</summary>
    Expired,
}
