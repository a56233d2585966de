using Azure;
using Microsoft.Data.Sqlite;

namespace Workflows.Governance.Http;

/// <summary>Tells a store that is busy or briefly unreachable (worth a retry by the caller) from every other failure.</summary>
internal static class TransientStoreFailure
{
    /// <summary>SQLite's SQLITE_BUSY and SQLITE_LOCKED: another process held the file past the busy timeout.</summary>
    private static readonly int[] SqliteCodes = [5, 6];

    /// <summary>Azure Storage's answers that mean "not now": no response, timeout, throttling, server busy or failing.</summary>
    private static readonly int[] HttpStatuses = [0, 408, 429, 500, 502, 503, 504];

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, is a transient failure of the store (DurableTask.AzureStorage
    /// wraps the Azure SDK's <see cref="RequestFailedException"/> in an exception of its own).</summary>
    public static bool Is(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => SqliteCodes.Contains(sqlite.SqliteErrorCode),
        RequestFailedException azure => HttpStatuses.Contains(azure.Status),
        AggregateException { InnerExceptions.Count: > 0 } aggregate => aggregate.InnerExceptions.All(Is),
        _ => false,
    });

    /// <summary><paramref name="exception"/> and the exceptions it wraps, outermost first.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
