namespace Workflows.Durable.Client;

/// <summary>Results read page by page as they are enumerated.</summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    /// <summary>Enumerates the pages.</summary>
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default);

    /// <inheritdoc/>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in this.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (T value in page.Values)
            {
                yield return value;
            }
        }
    }
}
