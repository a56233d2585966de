using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Durable.Client;
using Workflows.Durable.Http;
using Workflows.Durable.Worker;

namespace Workflows.Durable.Tests.Http;

/// <summary>A minimal web app on a test server with the engine's worker and client on a fresh SQLite file, and the
/// management API mapped onto it.</summary>
public sealed class ManagementApiTestHost : IAsyncDisposable
{
    public const string Api = "/runtime/webhooks/durabletask";

    private readonly WebApplication app;
    private readonly string folder;

    private ManagementApiTestHost(WebApplication app, string folder, bool kestrel)
    {
        this.app = app;
        this.folder = folder;
        this.Client = app.Services.GetRequiredService<DurableTaskClient>();
        this.Http = kestrel
            ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) }
            : app.GetTestClient();
    }

    public DurableTaskClient Client { get; }

    public HttpClient Http { get; }

    /// <summary>The host on a test server, or with <paramref name="kestrel"/> on Kestrel at a free port of 127.0.0.1 (for what
    /// only a real server shows, such as the raw request target).</summary>
    public static async Task<ManagementApiTestHost> CreateAsync(string prefix = ManagementApiEndpointRouteBuilderExtensions.DefaultPrefix, Action<WebApplication>? map = null, bool kestrel = false)
    {
        string folder = Directory.CreateTempSubdirectory("management-api-tests-").FullName;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder });
        if (kestrel)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        string connection = $"Data Source={Path.Combine(folder, "store.db")}";
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.AddTasks(ManagementApiTasks.Register).UseSqlite(connection);
            b.Configure(o => o.DrainTimeout = TimeSpan.FromSeconds(2));
        });
        builder.Services.AddDurableTaskClient(b => b.UseSqlite(connection));
        WebApplication app = builder.Build();
        app.MapDurableTaskManagementApi(prefix);
        map?.Invoke(app);
        await app.StartAsync();
        return new ManagementApiTestHost(app, folder, kestrel);
    }

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? json = null) =>
        this.Http.PostAsync(new Uri(path, UriKind.Relative), json is null ? null : JsonContent(json));

    public Task<HttpResponseMessage> GetAsync(string path) => this.Http.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> DeleteAsync(string path) => this.Http.DeleteAsync(new Uri(path, UriKind.Relative));

    /// <summary>Starts an instance through the API and returns its id.</summary>
    public async Task<string> StartAsync(string orchestrator, string? inputJson = null, string? instanceId = null, string api = Api)
    {
        using HttpResponseMessage response = await this.PostAsync($"{api}/orchestrators/{orchestrator}" + (instanceId is null ? string.Empty : "/" + instanceId), inputJson);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Starts an instance and waits until it runs.</summary>
    public async Task<string> StartRunningAsync(string orchestrator, string? instanceId = null)
    {
        string id = await this.StartAsync(orchestrator, null, instanceId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await this.Client.WaitForInstanceStartAsync(id, timeout.Token);
        return id;
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await this.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        await Infrastructure.DurableTestHost.Eventually(
            async () => (await this.Client.GetInstanceAsync(instanceId))?.RuntimeStatus == status,
            $"{instanceId} to be {status}");

    public async ValueTask DisposeAsync()
    {
        this.Http.Dispose();
        await this.app.StopAsync();
        await this.app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The media type of a response, or null.</summary>
    public static string? MediaType(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    /// <summary>The Retry-After delay of a response, in seconds.</summary>
    public static double? RetryAfterSeconds(HttpResponseMessage response) => response.Headers.RetryAfter is RetryConditionHeaderValue { Delta: { } delta } ? delta.TotalSeconds : null;
}
