namespace Workflows.Governance.Approvals;

/// <summary>The approvers' decisions raised to their workflows and not yet seen recorded, shared by every process that
/// serves the approval pages, so that a double click, a reused link or a deputy confirming on another instance at the
/// same moment does not raise a second decision event.</summary>
/// <remarks>A decision is first claimed, then marked raised once its event is sent. Of callers racing to claim one key,
/// exactly one wins. A claim lapses soon (a process that died between claiming and raising must not leave the
/// participant told "received" while nothing was sent); a raised mark lapses after a long lifetime, as the event is
/// stored by then and the workflow records it on its next turn.</remarks>
public interface IRaisedDecisionLedger
{
    /// <summary>Claims the decision of <paramref name="key"/> for this caller to raise: true when nothing was held (or
    /// only a lapsed claim or mark), false when another caller holds it.</summary>
    Task<bool> TryClaimAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records that the claimed decision of <paramref name="key"/> was raised.</summary>
    Task MarkRaisedAsync(string key, CancellationToken cancellationToken);

    /// <summary>The live claim or mark held for <paramref name="key"/>.</summary>
    Task<DecisionMark> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets the claim or mark once the workflow no longer waits for the decision (or it was not raised).</summary>
    Task ForgetAsync(string key, CancellationToken cancellationToken);
}
