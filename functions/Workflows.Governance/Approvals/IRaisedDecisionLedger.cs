namespace Workflows.Governance.Approvals;

/// <summary>The approvers' decisions raised to their workflows and not yet seen recorded, shared by every process that
/// serves the approval pages, so that a double click, a reused link or a deputy confirming on another instance at the
/// same moment never raises a second decision event.</summary>
/// <remarks>Of callers racing to mark one key, exactly one wins. A mark lapses after a lifetime the implementation is
/// given, so a process that died between marking and raising does not block the participant for good.</remarks>
public interface IRaisedDecisionLedger
{
    /// <summary>Marks the decision of <paramref name="key"/> as raised by this caller: true when it was not marked (or
    /// only by a lapsed mark), false when another caller holds the mark.</summary>
    Task<bool> TryMarkAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether a live mark is held for <paramref name="key"/>.</summary>
    Task<bool> IsMarkedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets the mark once the workflow no longer waits for the decision (or it was not raised).</summary>
    Task ForgetAsync(string key, CancellationToken cancellationToken);
}
