namespace Workflows.Governance.Governance;

/// <summary>How many governing bodies stand where on a significant decision, and the outcome that follows so far.</summary>
/// <param name="Approved">Bodies that approved.</param>
/// <param name="Rejected">Bodies that rejected.</param>
/// <param name="Pending">Bodies still to answer.</param>
/// <param name="NoResponse">Bodies that did not answer by the deadline.</param>
public readonly record struct OutcomeTally(int Approved, int Rejected, int Pending, int NoResponse)
{
    /// <summary>Every body counted.</summary>
    public int Total => this.Approved + this.Rejected + this.Pending + this.NoResponse;

    /// <summary>Counts the states of the governing bodies, one state per body.</summary>
    public static OutcomeTally Of(IEnumerable<BodyApprovalState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        int approved = 0, rejected = 0, pending = 0, noResponse = 0;
        foreach (BodyApprovalState state in states)
        {
            switch (state)
            {
                case BodyApprovalState.Approved: approved++; break;
                case BodyApprovalState.Rejected: rejected++; break;
                case BodyApprovalState.Pending: pending++; break;
                case BodyApprovalState.NoResponse: noResponse++; break;
                default: throw new ArgumentOutOfRangeException(nameof(states), state, "Unknown governing body state.");
            }
        }

        return new OutcomeTally(approved, rejected, pending, noResponse);
    }

    /// <summary>The outcome so far under <paramref name="policy"/>, or <see langword="null"/> while it is undecided.
    /// Never <see cref="ProposalOutcome.Withdrawn"/>, and always <see langword="null"/> for no bodies at all.</summary>
    /// <remarks>
    /// <para><see cref="OutcomePolicy.Unanimity"/>, in this order: <see cref="ProposalOutcome.Rejected"/> as soon as any
    /// body rejects, even with others still pending (their answers are still recorded);
    /// <see cref="ProposalOutcome.Approved"/> when every body approved; <see cref="ProposalOutcome.Lapsed"/> when none
    /// rejected, none is pending, and so at least one did not respond; otherwise undecided.</para>
    /// <para><see cref="OutcomePolicy.Majority"/>, with n the number of bodies (not of answers), in this order:
    /// <see cref="ProposalOutcome.Approved"/> when more than n/2 approved; <see cref="ProposalOutcome.Rejected"/> when at
    /// least n/2 rejected, so that approval cannot reach a majority even if every other body approves (an even split is
    /// a rejection, and so is a full set of answers without a majority); <see cref="ProposalOutcome.Lapsed"/> when none is
    /// pending and neither holds, because the bodies that did not respond could have made either majority; otherwise
    /// undecided.</para>
    /// </remarks>
    public ProposalOutcome? Outcome(OutcomePolicy policy)
    {
        if (this.Total == 0)
        {
            return null;
        }

        return policy switch
        {
            OutcomePolicy.Unanimity => this.UnanimityOutcome(),
            OutcomePolicy.Majority => this.MajorityOutcome(),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown outcome policy."),
        };
    }

    private ProposalOutcome? UnanimityOutcome()
    {
        if (this.Rejected > 0)
        {
            return ProposalOutcome.Rejected;
        }

        if (this.Approved == this.Total)
        {
            return ProposalOutcome.Approved;
        }

        return this.Pending == 0 ? ProposalOutcome.Lapsed : null;
    }

    private ProposalOutcome? MajorityOutcome()
    {
        // Doubling instead of halving keeps odd totals exact.
        if (2 * this.Approved > this.Total)
        {
            return ProposalOutcome.Approved;
        }

        if (2 * this.Rejected >= this.Total)
        {
            return ProposalOutcome.Rejected;
        }

        return this.Pending == 0 ? ProposalOutcome.Lapsed : null;
    }
}
