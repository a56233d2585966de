using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Workflows.Functions.Hosting;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Telemetry;

public sealed class TelemetryHostTests
{
    [Fact]
    public async Task Host_starts_with_and_without_an_otlp_endpoint_and_collects_only_when_one_is_configured()
    {
        // Blanked, so that an endpoint in the environment running the tests does not turn exporting on here.
        await using (var plain = new FunctionsAppFactory(
            settings: new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.StandardEndpointKey] = string.Empty }))
        {
            using HttpClient client = plain.CreateClient();
            using HttpResponseMessage response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(plain.Services.GetService<TracerProvider>());
            Assert.Null(plain.Services.GetService<MeterProvider>());
            Assert.DoesNotContain(plain.Logs.Entries, e => e.Level >= LogLevel.Error);
        }

        // Nothing listens on port 9: export attempts fail quietly in the background and must not affect the host.
        await using var exporting = new FunctionsAppFactory(
            settings: new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.EndpointKey] = "http://127.0.0.1:9" });
        using HttpClient exportingClient = exporting.CreateClient();
        using HttpResponseMessage exported = await exportingClient.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
        Assert.NotNull(exporting.Services.GetService<MeterProvider>());
        using (var probe = new ActivitySource("DurableTask.Core"))
        {
            Assert.True(probe.HasListeners(), "the tracer provider does not listen to the engine's source");
        }

        Assert.DoesNotContain(exporting.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public void A_telemetry_endpoint_that_is_not_an_absolute_uri_is_rejected_with_the_key_named()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.EndpointKey] = "not a uri" })
            .Build();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => { new ServiceCollection().AddHostTelemetry(configuration); });

        Assert.Contains(TelemetryServiceCollectionExtensions.EndpointKey, error.Message, StringComparison.Ordinal);
    }
}
