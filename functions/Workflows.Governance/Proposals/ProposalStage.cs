namespace Workflows.Governance.Proposals;

/// <summary>Where a proposal is on its way to a decision.</summary>
public enum ProposalStage
{
    /// <summary>Waiting for the raising committee's chair to sign it off.</summary>
    CommitteeSignOff,

    /// <summary>Waiting for the congress chair to approve, reject or refer it.</summary>
    Congress,

    /// <summary>Waiting for the member bodies' governing bodies.</summary>
    GoverningBodies,

    /// <summary>Decided; the outcome is final.</summary>
    Decided,
}
