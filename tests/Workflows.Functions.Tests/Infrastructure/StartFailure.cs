using Microsoft.Extensions.Options;

namespace Workflows.Functions.Tests.Infrastructure;

/// <summary>The options validation error that stops the app in a factory from starting.</summary>
internal static class StartFailure
{
    private const int Attempts = 5;

    /// <summary>Starts apps from <paramref name="create"/> until one reports why it could not start. WebApplicationFactory
    /// sometimes races a failed start against the host's disposal and reports an ObjectDisposedException instead of the
    /// start error; such an attempt is tried again with a new app, any other failure is final.</summary>
    public static async Task<OptionsValidationException> OfAsync(Func<FunctionsAppFactory> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        for (int attempt = 1; ; attempt++)
        {
            await using FunctionsAppFactory factory = create();
            Exception e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            if (Find(e) is { } validation)
            {
                return validation;
            }

            if (attempt == Attempts || !IsDisposalRace(e))
            {
                throw new Xunit.Sdk.XunitException($"The app failed to start for another reason: {e}");
            }
        }
    }

    private static OptionsValidationException? Find(Exception e) =>
        Chain(e).Select(c => c as OptionsValidationException ?? (c as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault())
            .FirstOrDefault(v => v is not null);

    private static bool IsDisposalRace(Exception e) => Chain(e).Any(c => c is ObjectDisposedException);

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
