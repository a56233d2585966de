using System.Globalization;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals;

namespace Workflows.Soak.Workload;

/// <summary>One governance proposal of the run and every decision the soak will take on it through its emailed links,
/// chosen from the seed and its number alone; and so what a crash-free run ends with: its outcome, tier, each
/// participant's state, and the emails sent.</summary>
/// <param name="Id">The proposal's id (its instance id).</param>
/// <param name="Category">Its decision category.</param>
/// <param name="Body">The member body that raises it.</param>
/// <param name="Committee">The raising committee.</param>
/// <param name="Value">Its value in pounds.</param>
/// <param name="Significant">Whether its category or value makes it a decision for every governing body.</param>
/// <param name="CommitteeDecision">The committee chair's decision.</param>
/// <param name="CongressDecision">The congress chair's decision.</param>
/// <param name="BodyDecisions">Each governing body's decision, by body id.</param>
public sealed record ProposalScript(
    string Id,
    string Category,
    string Body,
    string Committee,
    decimal Value,
    bool Significant,
    ApprovalDecision CommitteeDecision,
    ApprovalDecision CongressDecision,
    IReadOnlyDictionary<string, ApprovalDecision> BodyDecisions)
{
    /// <summary>Whether the congress is asked (the committee approved).</summary>
    public bool ReachesCongress => this.CommitteeDecision == ApprovalDecision.Approve;

    /// <summary>Whether every governing body is asked.</summary>
    public bool ReachesBodies => this.ReachesCongress && this.CongressDecision != ApprovalDecision.Reject
        && (this.Significant || this.CongressDecision == ApprovalDecision.Refer);

    /// <summary>The plan of proposal <paramref name="index"/> of a run with <paramref name="seed"/>.</summary>
    public static ProposalScript For(int seed, int index, GovernanceFacts governance)
    {
        ArgumentNullException.ThrowIfNull(governance);
        var random = new Random(unchecked((seed * 7_368_787) + index));
        string id = string.Create(CultureInfo.InvariantCulture, $"prop-{index:D5}");
        string category = governance.Categories[random.Next(governance.Categories.Count)];
        (string body, IReadOnlyList<string> committees) = governance.Bodies[random.Next(governance.Bodies.Count)];
        decimal value = random.Next(4) == 0 ? governance.Threshold + random.Next(1, 500_000) : random.Next(1_000, (int)Math.Min(governance.Threshold, int.MaxValue));
        ApprovalDecision committee = random.Next(100) < 85 ? ApprovalDecision.Approve : ApprovalDecision.Reject;
        int congress = random.Next(100);
        var bodies = governance.Bodies.ToDictionary(b => b.Id, _ => random.Next(100) < 90 ? ApprovalDecision.Approve : ApprovalDecision.Reject, StringComparer.Ordinal);
        return new ProposalScript(
            id,
            category,
            body,
            committees[random.Next(committees.Count)],
            value,
            governance.ReservedCategories.Contains(category) || value > governance.Threshold,
            committee,
            congress < 60 ? ApprovalDecision.Approve : congress < 85 ? ApprovalDecision.Refer : ApprovalDecision.Reject,
            bodies);
    }

    /// <summary>The body of <c>POST /api/proposals</c>.</summary>
    public object Request() => new
    {
        id = this.Id,
        title = "Soak proposal " + this.Id,
        summary = "A proposal of the chaos soak.",
        category = this.Category,
        raisedBy = new { body = this.Body, committee = this.Committee },
        value = this.Value,
    };

    /// <summary>The outcome a crash-free run gives (unanimity: one rejection decides).</summary>
    public ProposalOutcome Outcome =>
        !this.ReachesCongress || this.CongressDecision == ApprovalDecision.Reject ? ProposalOutcome.Rejected
        : !this.ReachesBodies ? ProposalOutcome.Approved
        : this.BodyDecisions.Values.Contains(ApprovalDecision.Reject) ? ProposalOutcome.Rejected : ProposalOutcome.Approved;

    /// <summary>The proposal's instance and its governing bodies' instances, each with the summary of its output (see
    /// <see cref="Verification.OutputSummary"/>) that a crash-free run gives.</summary>
    public IEnumerable<ExpectedInstance> Instances()
    {
        string? tier = this.ReachesCongress && this.CongressDecision != ApprovalDecision.Reject ? (this.ReachesBodies ? "2" : "1") : null;
        IEnumerable<string> bodies = this.ReachesBodies ? this.BodyDecisions.Select(b => $"{b.Key}={State(b.Value)}") : [];
        yield return new ExpectedInstance(
            this.Id,
            nameof(ProposalOrchestrator),
            Verification.OutputSummary.Proposal(ProposalStage.Decided, this.Outcome, tier, State(this.CommitteeDecision), this.ReachesCongress ? State(this.CongressDecision) : null, bodies));
        if (this.ReachesBodies)
        {
            foreach ((string body, ApprovalDecision decision) in this.BodyDecisions)
            {
                yield return new ExpectedInstance(GoverningBodyApprovalOrchestrator.InstanceIdFor(this.Id, body), nameof(GoverningBodyApprovalOrchestrator), Verification.OutputSummary.Round(decision, State(decision)));
            }
        }
    }

    /// <summary>The committee chair's request: the slot (see <see cref="OutboxReader.SlotOf"/>) of its email.</summary>
    public string CommitteeSlot => $"{this.Id}:committee:Request";

    /// <summary>The congress chair's request.</summary>
    public string CongressSlot => $"{this.Id}:congress:Request";

    /// <summary>Each governing body's request (sent by the body's own instance).</summary>
    public IEnumerable<string> BodySlots => this.BodyDecisions.Keys.Select(body => $"{GoverningBodyApprovalOrchestrator.InstanceIdFor(this.Id, body)}:{body}:Request");

    /// <summary>The emails a crash-free run sends, each as its slot.</summary>
    public IEnumerable<string> EmailSlots()
    {
        yield return this.CommitteeSlot;
        if (this.ReachesCongress)
        {
            yield return this.CongressSlot;
        }

        if (this.ReachesBodies)
        {
            foreach (string slot in this.BodySlots)
            {
                yield return slot;
            }
        }

        yield return $"{this.Id}:outcome";
    }

    /// <summary>The decision taken on the request of <paramref name="slot"/>.</summary>
    public ApprovalDecision DecisionFor(string slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot == this.CommitteeSlot ? this.CommitteeDecision
            : slot == this.CongressSlot ? this.CongressDecision
            : this.BodyDecisions[slot.Split(':')[1]];
    }

    private static ParticipantState State(ApprovalDecision decision) => decision switch
    {
        ApprovalDecision.Approve => ParticipantState.Approved,
        ApprovalDecision.Reject => ParticipantState.Rejected,
        _ => ParticipantState.Referred,
    };
}
