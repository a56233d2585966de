using Microsoft.DurableTask;
using Workflows.Governance.Documents;
using Workflows.Governance.Governance;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Proposals;

/// <summary>Turns a proposal as submitted into <see cref="ProposalOrchestrator"/>'s planned input: validated as
/// <c>POST /api/proposals</c> validates it, its papers stored write-once, and its plan (tier and reasons, participants,
/// timing) worked out from the configuration in force. A body the API would refuse fails with
/// <see cref="InvalidProposalException"/>, naming each field.</summary>
[DurableTask(nameof(PlanProposalActivity))]
public sealed class PlanProposalActivity : TaskActivity<PlanProposalRequest, ProposalInput>
{
    private readonly GovernanceConfiguration governance;
    private readonly ProposalPlanner planner;
    private readonly IDocumentStore documents;
    private readonly ProposalApiOptions options;

    /// <summary>Creates the activity.</summary>
    public PlanProposalActivity(GovernanceConfiguration governance, ProposalPlanner planner, IDocumentStore documents, IConfiguration configuration)
    {
        this.governance = governance;
        this.planner = planner;
        this.documents = documents;
        this.options = ProposalApiOptions.From(configuration);
    }

    /// <inheritdoc/>
    public override async Task<ProposalInput> RunAsync(TaskActivityContext context, PlanProposalRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ProposalValidationErrors();
        StartProposalRequest submission = input.Submission ?? new StartProposalRequest();
        ValidatedProposal? proposal = StartProposalValidator.Validate(submission, this.governance, this.options, errors);
        if (proposal is not null && proposal.Id is { } id && !string.Equals(id, input.InstanceId, StringComparison.Ordinal))
        {
            errors.Add("id", $"The body's id '{id}' is not the instance id '{input.InstanceId}'; leave it out or make them equal.");
            proposal = null;
        }

        if (proposal is null)
        {
            throw new InvalidProposalException("The proposal is not valid: " + string.Join("; ",
                errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        IReadOnlyList<PaperReference> papers = await ProposalPapers.StoreAsync(this.documents, input.InstanceId, proposal.Papers, CancellationToken.None)
            ?? throw new InvalidProposalException($"A different paper is already stored for proposal id '{input.InstanceId}' (papers are written once).");
        return this.planner.Planned(input.InstanceId, proposal, papers);
    }
}
