using System.Runtime.CompilerServices;

namespace Workflows.Durable.Client;

/// <summary>Makes <see cref="AsyncPageable{T}"/> from a page-reading delegate.</summary>
public static class Pageable
{
    /// <summary>Creates a pageable from a delegate that reads the page after a token.</summary>
    public static AsyncPageable<T> Create<T>(Func<string?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new FuncPageable<T>((token, _, ct) => pageFunc(token, ct));
    }

    /// <summary>Creates a pageable from a delegate that reads the page after a token, with a size hint.</summary>
    public static AsyncPageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new FuncPageable<T>(pageFunc);
    }

    private sealed class FuncPageable<T> : AsyncPageable<T>
        where T : notnull
    {
        private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc;

        public FuncPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc) => this.pageFunc = pageFunc;

        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            this.Pages(continuationToken, pageSizeHint, default);

        private async IAsyncEnumerable<Page<T>> Pages(string? token, int? size, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            do
            {
                Page<T> page = await this.pageFunc(token, size, cancellationToken).ConfigureAwait(false);
                yield return page;
                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }
}
