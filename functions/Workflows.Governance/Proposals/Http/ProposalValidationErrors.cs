namespace Workflows.Governance.Proposals.Http;

/// <summary>Every problem of a request, by field path (<c>title</c>, <c>raisedBy.body</c>, <c>documents[0].name</c>), in
/// the order found.</summary>
internal sealed class ProposalValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => this.errors.Count == 0;

    public IEnumerable<string> Fields => this.errors.Keys;

    public void Add(string field, string message)
    {
        if (!this.errors.TryGetValue(field, out List<string>? messages))
        {
            messages = [];
            this.errors[field] = messages;
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() =>
        this.errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
