using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals;

/// <summary>Resolves, from the configuration in force, everything a new proposal's workflow needs.</summary>
public sealed class ProposalPlanner
{
    private readonly GovernanceConfiguration governance;
    private readonly IOptionsMonitor<GovernanceTimingOptions> timing;

    /// <summary>Creates the planner.</summary>
    public ProposalPlanner(GovernanceConfiguration governance, IOptionsMonitor<GovernanceTimingOptions> timing)
    {
        this.governance = governance;
        this.timing = timing;
    }

    /// <summary>The plan for a proposal; the body, committee and category must exist (validate them first).</summary>
    public ProposalPlan Plan(string bodyId, string committeeId, string categoryId, decimal? value)
    {
        MemberBody body = this.governance.FindBody(bodyId) ?? throw new ArgumentException($"Unknown member body '{bodyId}'.", nameof(bodyId));
        Committee committee = body.FindCommittee(committeeId) ?? throw new ArgumentException($"Unknown committee '{committeeId}' of '{bodyId}'.", nameof(committeeId));
        GovernanceTimingOptions times = this.timing.CurrentValue;
        return new ProposalPlan
        {
            RaisingBodyName = body.Name,
            Committee = new ParticipantPlan("committee", $"{committee.Name}, {body.Name}", committee.Chair, "Chair", null),
            Congress = new ParticipantPlan("congress", this.governance.Congress.Name, this.governance.Congress.Chair, "Chair", null),
            Bodies = this.governance.Bodies
                .Select(b => new ParticipantPlan(b.Id, b.GoverningBody.Name, b.GoverningBody.Approver, "Approver", b.GoverningBody.Deputy))
                .ToList(),
            Tier = this.governance.Decide(categoryId, value, referredByCongress: false),
            TierIfReferred = this.governance.Decide(categoryId, value, referredByCongress: true),
            Policy = this.governance.Policy,
            ReminderInterval = times.ReminderInterval,
            EscalateAfter = times.EscalateAfter,
            DecisionDeadline = times.DecisionDeadline,
        };
    }

    /// <summary>The planned input of <see cref="ProposalOrchestrator"/> for a validated proposal whose papers are stored.</summary>
    internal ProposalInput Planned(string id, Http.ValidatedProposal proposal, IReadOnlyList<PaperReference> papers) => new()
    {
        Id = id,
        Title = proposal.Title,
        Summary = proposal.Summary,
        CategoryId = proposal.CategoryId,
        BodyId = proposal.BodyId,
        CommitteeId = proposal.CommitteeId,
        Value = proposal.Value,
        Papers = papers,
        Plan = this.Plan(proposal.BodyId, proposal.CommitteeId, proposal.CategoryId, proposal.Value),
        StableEmailKeys = true,
    };
}
