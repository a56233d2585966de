using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DurableTask.Core.History;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Workflows.DurableTask.Http;

namespace Workflows.DurableTask.Tests.Http;

/// <summary>A minimal web app with the management API mapped onto a substituted <see cref="DurableTaskClient"/>: each test
/// says what the client knows (<see cref="Has"/>, <see cref="HasHistory"/>) and checks what the API asked of it.</summary>
public sealed class ManagementApiTestHost : IAsyncDisposable
{
    public const string Api = "/runtime/webhooks/durabletask";

    /// <summary>The id the substituted client gives an instance started without one.</summary>
    public const string GeneratedId = "generated-0001";

    private readonly WebApplication app;

    private ManagementApiTestHost(WebApplication app, DurableTaskClient client, bool kestrel)
    {
        this.app = app;
        this.Client = client;
        this.Http = kestrel
            ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) }
            : app.GetTestClient();
    }

    public DurableTaskClient Client { get; }

    public HttpClient Http { get; }

    /// <summary>The host on a test server, or with <paramref name="kestrel"/> on Kestrel at a free port of 127.0.0.1 (for what
    /// only a real server shows, such as the raw request target).</summary>
    public static async Task<ManagementApiTestHost> CreateAsync(
        string? prefix = ManagementApiEndpointRouteBuilderExtensions.DefaultPrefix,
        Action<WebApplication>? map = null,
        bool kestrel = false,
        ILoggerProvider? logs = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        if (kestrel)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        DurableTaskClient client = Substitute.For<DurableTaskClient>("test");

        // Schedules the way the SDK does: the caller's id, else a new one.
        client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<StartOrchestrationOptions?>(2)?.InstanceId ?? GeneratedId);
        builder.Services.AddSingleton(client);
        WebApplication app = builder.Build();
        if (prefix is not null)
        {
            app.MapDurableTaskManagementApi(prefix);
        }

        map?.Invoke(app);
        await app.StartAsync();
        return new ManagementApiTestHost(app, client, kestrel);
    }

    /// <summary>Makes the client know an instance, replacing what it knew of it before.</summary>
    public OrchestrationMetadata Has(
        string instanceId,
        OrchestrationRuntimeStatus status,
        string name = "Echo",
        string? input = null,
        string? output = null,
        string? customStatus = null,
        TaskFailureDetails? failure = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? lastUpdatedAt = null)
    {
        var metadata = new OrchestrationMetadata(name, instanceId)
        {
            RuntimeStatus = status,
            CreatedAt = createdAt ?? new DateTimeOffset(2026, 12, 3, 8, 0, 0, 123, TimeSpan.Zero),
            LastUpdatedAt = lastUpdatedAt ?? new DateTimeOffset(2026, 12, 3, 8, 0, 5, 987, TimeSpan.Zero),
            SerializedInput = input,
            SerializedOutput = output,
            SerializedCustomStatus = customStatus,
            FailureDetails = failure,
        };
        this.Client.GetInstanceAsync(instanceId, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(metadata);
        return metadata;
    }

    /// <summary>Makes the client return <paramref name="events"/> as the instance's history.</summary>
    public void HasHistory(string instanceId, params HistoryEvent[] events) =>
        this.Client.GetOrchestrationHistoryAsync(instanceId, Arg.Any<CancellationToken>()).Returns(events.ToList());

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Whether a payload the API passed to the client is the JSON <paramref name="json"/>.</summary>
    public static bool IsJson(object? payload, string json) => payload is JsonElement element && element.GetRawText() == json;

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null) =>
        this.Http.PostAsync(new Uri(path, UriKind.Relative), json is null ? null : JsonContent(json));

    public Task<HttpResponseMessage> GetAsync(string path) => this.Http.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> DeleteAsync(string path) => this.Http.DeleteAsync(new Uri(path, UriKind.Relative));

    /// <summary>Starts an instance through the API and returns the id of its check-status payload.</summary>
    public async Task<string> StartAsync(string orchestrator, string? inputJson = null, string? instanceId = null, string api = Api)
    {
        using HttpResponseMessage response = await this.PostAsync($"{api}/orchestrators/{orchestrator}" + (instanceId is null ? string.Empty : "/" + instanceId), inputJson);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        this.Http.Dispose();
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    /// <summary>The media type of a response, or null.</summary>
    public static string? MediaType(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    /// <summary>The Retry-After delay of a response, in seconds.</summary>
    public static double? RetryAfterSeconds(HttpResponseMessage response) => response.Headers.RetryAfter is RetryConditionHeaderValue { Delta: { } delta } ? delta.TotalSeconds : null;
}
