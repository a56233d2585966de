using System.Security.Cryptography;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Http;
using Workflows.Functions.Documents;
using Workflows.Functions.Governance;

namespace Workflows.Functions.Proposals.Http;

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

        var papers = new List<PaperReference>();
        foreach (ValidatedPaper paper in proposal.Papers)
        {
            string path = ProposalLinks.PaperPath(id, paper.Name);
            if (!await SaveOnceAsync(documents, path, paper, cancellationToken))
            {
                ProposalApiLog.NotStarted(logger, id, "a different paper is stored under its id");
                return ProposalProblems.Conflict(
                    "Proposal id in use",
                    $"A different paper named '{paper.Name}' is already stored for proposal id '{id}' (papers are written once); choose another id.");
            }

            papers.Add(new PaperReference(paper.Name, paper.ContentType, path, paper.Content.Length));
        }

        var input = new ProposalInput
        {
            Id = id,
            Title = proposal.Title,
            Summary = proposal.Summary,
            CategoryId = proposal.CategoryId,
            BodyId = proposal.BodyId,
            CommitteeId = proposal.CommitteeId,
            Value = proposal.Value,
            Papers = papers,
            Plan = planner.Plan(proposal.BodyId, proposal.CommitteeId, proposal.CategoryId, proposal.Value),
        };

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

    // Write-once; a retry of the same start (same name, type and bytes) finds its own paper and goes on.
    private static async Task<bool> SaveOnceAsync(IDocumentStore documents, string path, ValidatedPaper paper, CancellationToken cancellationToken)
    {
        try
        {
            await documents.SaveAsync(path, paper.Content, paper.ContentType, overwrite: false, cancellationToken);
            return true;
        }
        catch (DocumentAlreadyExistsException)
        {
            await using StoredDocument? stored = await documents.OpenAsync(path, cancellationToken);
            return stored is not null
                && string.Equals(stored.ContentType, paper.ContentType, StringComparison.OrdinalIgnoreCase)
                && stored.Length == paper.Content.Length
                && (await stored.ReadAllBytesAsync(cancellationToken)).AsSpan().SequenceEqual(paper.Content);
        }
    }
}
