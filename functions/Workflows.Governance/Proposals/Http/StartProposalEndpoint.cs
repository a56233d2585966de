using System.Security.Cryptography;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Http;
using Workflows.Governance.Documents;
using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals.Http;

/// <summary><c>POST /api/proposals</c>: validates a proposal, stores its papers and starts its workflow.</summary>
internal sealed class StartProposalEndpoint
{
    private readonly ProposalApiOptions options;

    public StartProposalEndpoint(ProposalApiOptions options)
    {
        this.options = options;
    }

    /// <summary>A readable id: "p-" and 12 hexadecimal digits.</summary>
    public static string NewId() => "p-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public async Task<IResult> HandleAsync(
        HttpContext context,
        DurableTaskClient client,
        GovernanceConfiguration governance,
        ProposalPlanner planner,
        IDocumentStore documents,
        ILoggerFactory loggers)
    {
        ILogger logger = loggers.CreateLogger(ProposalApiLog.Category);
        CancellationToken cancellationToken = context.RequestAborted;
        (StartProposalRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<StartProposalRequest>(context, this.options.MaxRequestBodyBytes);
        if (request is null)
        {
            ProposalApiLog.Invalid(logger, "JSON body");
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        if (StartProposalValidator.Validate(request, governance, this.options, errors) is not { } proposal)
        {
            string fields = string.Join(", ", errors.Fields);
            ProposalApiLog.Invalid(logger, fields);
            return ProposalProblems.Invalid(errors);
        }

        string id = proposal.Id ?? NewId();
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is { } existing)
        {
            ProposalApiLog.NotStarted(logger, id, "the id is in use");
            return InUse(id, existing.Name);
        }

        if (await ProposalPapers.StoreAsync(documents, id, proposal.Papers, cancellationToken) is not { } papers)
        {
            ProposalApiLog.NotStarted(logger, id, "a different paper is stored under its id");
            return ProposalProblems.Conflict(
                "Proposal id in use",
                "A different paper of the same name is already stored for proposal id '" + id + "' (papers are written once); choose another id.");
        }

        var input = planner.Planned(id, proposal, papers);

        try
        {
            // Every status dedupes: a proposal id names one proposal for good, even once it is decided.
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ProposalOrchestrator),
                input,
                new StartOrchestrationOptions(id).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            ProposalApiLog.NotStarted(logger, id, "the id was taken meanwhile");
            return InUse(id, nameof(ProposalOrchestrator));
        }

        ProposalApiLog.Started(logger, id, input.CategoryId, input.CommitteeId, input.BodyId, papers.Count);
        return client.CreateCheckStatusResponse(context.Request, id);
    }

    private static IResult InUse(string id, string name) => ProposalProblems.Conflict(
        "Proposal id in use",
        string.Equals(name, nameof(ProposalOrchestrator), StringComparison.Ordinal)
            ? $"A proposal with id '{id}' already exists; GET /api/proposals/{id} shows it."
            : $"The id '{id}' is in use by another workflow instance; choose another id.");
}
