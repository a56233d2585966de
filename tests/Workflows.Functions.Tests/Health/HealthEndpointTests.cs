using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_is_200_with_a_reachable_store_whose_file_is_under_the_data_directory()
    {
        await using var factory = new FunctionsAppFactory();
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"Healthy","store":"reachable"}""", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "workflows.db")), "the store's file is not under DataDirectory");
    }

    [Fact]
    public async Task Healthz_is_503_without_exception_text_when_the_store_cannot_be_opened()
    {
        // A regular file where the data folder should be: the store can never create its database under it.
        string blocker = Path.Combine(Path.GetTempPath(), "functions-tests-blocker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "not a folder");
        try
        {
            // The worker fails to open the store too; by default that stops the host, which this test needs running.
            await using var factory = new FunctionsAppFactory(
                settings: new Dictionary<string, string?> { ["DataDirectory"] = Path.Combine(blocker, "data") },
                services: s => s.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore));
            using HttpClient client = factory.CreateClient();

            using HttpResponseMessage response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            string body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using JsonDocument json = JsonDocument.Parse(body);
            Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("unreachable", json.RootElement.GetProperty("store").GetString());
            Assert.DoesNotContain(blocker, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_json_without_a_stack_trace()
    {
        await using var factory = new FunctionsAppFactory();
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/no/such/route", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("exception", out _));
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }
}
