using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using Workflows.Governance.Assembly.Http;
using Workflows.Governance.Documents;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>The whole app in memory with the Durable Task client substituted and no worker, so that each route's checks
/// and the events it raises can be seen: a refused request must reach the client with nothing.</summary>
public sealed class AssemblyApiApp : IAsyncDisposable, IAsyncLifetime
{
    public const string AdminKey = "assembly-api-admin-key";

    public AssemblyApiApp()
    {
        this.Factory = new FunctionsAppFactory(
            settings: new Dictionary<string, string?>
            {
                ["Security:AdminKey"] = AdminKey,
                ["Governance:MaxDocumentBytes"] = "64",
            },
            services: services =>
            {
                services.RemoveAll<DurableTaskClient>();
                services.AddSingleton(this.Client);
                foreach (ServiceDescriptor hosted in services.Where(d => d.ServiceType == typeof(IHostedService) && IsDurableTask(d)).ToList())
                {
                    services.Remove(hosted);
                }
            });
        this.Admin = this.Factory.CreateClient();
        this.Admin.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        this.Anonymous = this.Factory.CreateClient();
    }

    public DurableTaskClient Client { get; } = Substitute.For<DurableTaskClient>("assembly-tests");

    public FunctionsAppFactory Factory { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; }

    public IDocumentStore Documents => this.Factory.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Makes the client know an instance of <paramref name="orchestrator"/> with a custom status and output.</summary>
    public void Has(string id, string orchestrator, object? status, OrchestrationRuntimeStatus runtime = OrchestrationRuntimeStatus.Running, object? output = null)
    {
        var metadata = new OrchestrationMetadata(orchestrator, id)
        {
            RuntimeStatus = runtime,
            CreatedAt = DateTimeOffset.UtcNow,
            LastUpdatedAt = DateTimeOffset.UtcNow,
            SerializedCustomStatus = status is null ? null : JsonDataConverter.Default.Serialize(status),
            SerializedOutput = output is null ? null : JsonDataConverter.Default.Serialize(output),
            DataConverter = JsonDataConverter.Default,
        };
        this.Client.GetInstanceAsync(id, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(metadata);
    }

    /// <summary>The events raised so far: instance, name, payload.</summary>
    public IReadOnlyList<(string Instance, string Name, object? Payload)> Raised =>
        [.. this.Client.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(DurableTaskClient.RaiseEventAsync))
            .Select(c => ((string)c.GetArguments()[0]!, (string)c.GetArguments()[1]!, c.GetArguments()[2]))];

    /// <summary>The orchestrations scheduled so far: name and input.</summary>
    public IReadOnlyList<(string Name, object? Input, string? Id)> Scheduled =>
        [.. this.Client.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(DurableTaskClient.ScheduleNewOrchestrationInstanceAsync))
            .Select(c => (((TaskName)c.GetArguments()[0]!).Name, c.GetArguments()[1], (c.GetArguments()[2] as StartOrchestrationOptions)?.InstanceId))];

    public Task<HttpResponseMessage> PostAsync(string path, string? json) =>
        this.Admin.PostAsync(new Uri(path, UriKind.Relative), json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode json) => this.PostAsync(path, json.ToJsonString());

    /// <summary>Asserts a 202 whose body names the action and the instances it went to.</summary>
    public static async Task<JsonElement> AcceptedAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.Location);
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await this.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        this.Admin.Dispose();
        this.Anonymous.Dispose();
        await this.Factory.DisposeAsync();
    }

    private static bool IsDurableTask(ServiceDescriptor descriptor)
    {
        Type? type = descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType() ?? descriptor.ImplementationFactory?.Method.ReturnType;
        string? space = (descriptor.ImplementationFactory?.Method.DeclaringType ?? type)?.Namespace;
        return space is not null && (space.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal) || space.StartsWith("Workflows.DurableTask", StringComparison.Ordinal));
    }
}
