namespace Workflows.Durable.Client;

/// <summary>One page of results.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    /// <summary>Creates a page.</summary>
    public Page(IReadOnlyList<T> values, string? continuationToken = null)
    {
        this.Values = values;
        this.ContinuationToken = continuationToken;
    }

    /// <summary>The items.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The token of the next page; null on the last.</summary>
    public string? ContinuationToken { get; }
}
