namespace Workflows.Governance.Governance;

/// <summary>What kind of organisation a member body of the congress is.</summary>
public enum MemberBodyKind
{
    /// <summary>An NHS clinical commissioning group.</summary>
    ClinicalCommissioningGroup,

    /// <summary>A local authority.</summary>
    Council,

    /// <summary>The NHS England representative.</summary>
    NhsEngland,
}
