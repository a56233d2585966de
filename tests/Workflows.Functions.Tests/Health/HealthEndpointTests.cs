using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
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
    public async Task Healthz_is_503_without_exception_text_when_the_store_stops_answering()
    {
        // The store answered at start (the task hub was created); the client's queries now fail, as with a store whose
        // disk or account went away while the host ran.
        const string secretPath = "/srv/secret-store-location/workflows.db";
        DurableTaskClient failing = Substitute.For<DurableTaskClient>("failing");
        failing.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>()).Returns(_ => throw new IOException($"disk I/O error at {secretPath}"));
        await using var factory = new FunctionsAppFactory(services: s => s.AddSingleton(failing));
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("unreachable", json.RootElement.GetProperty("store").GetString());
        Assert.DoesNotContain(secretPath, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_stops_the_start_with_a_message_naming_the_key_and_no_stack_trace()
    {
        using var app = AppProcess.InTemporaryFolder("""
            { "version": "2.0", "extensions": { "durableTask": { "storageProvider": { "type": "sqlite", "connectionStringName": "Store" } } } }
            """);

        // A regular file where the store's folder should be: the store can never create its database under it.
        string blocker = Path.Combine(app.Folder, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        await File.WriteAllTextAsync(Path.Combine(app.Folder, "local.settings.json"), $$"""{ "Values": { "Store": "Data Source={{blocker}}/data/workflows.db" } }""");

        (int exitCode, string output) = await app.RunUntilExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("The host did not start:", output, StringComparison.Ordinal);
        Assert.Contains("'AzureFunctionsJobHost:extensions:durableTask:storageProvider:connectionStringName'", output, StringComparison.Ordinal);
        Assert.True(!output.Contains("   at ", StringComparison.Ordinal), output);
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
