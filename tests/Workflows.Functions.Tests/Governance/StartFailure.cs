using Microsoft.Extensions.Options;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Governance;

/// <summary>The options validation error that stops the app in a factory from starting.</summary>
internal static class StartFailure
{
    public static OptionsValidationException Of(FunctionsAppFactory factory)
    {
        Exception e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException validation)
            {
                return validation;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.OfType<OptionsValidationException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"The app failed to start for another reason: {e}");
    }
}
