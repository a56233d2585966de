using Workflows.Governance.Documents;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Proposals;

/// <summary>Stores a proposal's papers write-once under its id, for the HTTP start and for a start from any Durable
/// Functions tool alike.</summary>
internal static class ProposalPapers
{
    /// <summary>Stores each paper under <see cref="ProposalLinks.PaperPath"/>; null when a different paper of the same
    /// name is already stored for <paramref name="proposalId"/> (a retry of the same start finds its own and goes on).</summary>
    public static async Task<IReadOnlyList<PaperReference>?> StoreAsync(
        IDocumentStore documents, string proposalId, IReadOnlyList<ValidatedPaper> papers, CancellationToken cancellationToken)
    {
        var stored = new List<PaperReference>();
        foreach (ValidatedPaper paper in papers)
        {
            string path = ProposalLinks.PaperPath(proposalId, paper.Name);
            if (!await SaveOnceAsync(documents, path, paper, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            stored.Add(new PaperReference(paper.Name, paper.ContentType, path, paper.Content.Length));
        }

        return stored;
    }

    private static async Task<bool> SaveOnceAsync(IDocumentStore documents, string path, ValidatedPaper paper, CancellationToken cancellationToken)
    {
        try
        {
            await documents.SaveAsync(path, paper.Content, paper.ContentType, overwrite: false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DocumentAlreadyExistsException)
        {
            StoredDocument? stored = await documents.OpenAsync(path, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return false;
            }

            await using (stored.ConfigureAwait(false))
            {
                return string.Equals(stored.ContentType, paper.ContentType, StringComparison.OrdinalIgnoreCase)
                    && stored.Length == paper.Content.Length
                    && (await stored.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(paper.Content);
            }
        }
    }
}
