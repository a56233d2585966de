using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask.Worker;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Hosting;

public sealed class DurableTaskHostOptionsTests
{
    private const string HostJson = """
        {
          "version": "2.0",
          "extensions": {
            "durableTask": {
              "hubName": "Congress",
              "storageProvider": { "type": "sqlite" },
              "maxConcurrentOrchestratorFunctions": 3,
              "maxConcurrentActivityFunctions": 7,
              "extendedSessionsEnabled": false,
              "extendedSessionIdleTimeoutInSeconds": 45
            }
          }
        }
        """;

    [Fact]
    public async Task Host_json_durableTask_settings_reach_the_worker_options()
    {
        await using var factory = new FunctionsAppFactory(HostJson);

        DurableTaskWorkerOptions options = WorkerOptions(factory);

        Assert.Equal(3, options.Concurrency.MaximumConcurrentOrchestrationWorkItems);
        Assert.Equal(7, options.Concurrency.MaximumConcurrentActivityWorkItems);
    }

    [Fact]
    public async Task A_local_settings_value_overrides_host_json_through_the_AzureFunctionsJobHost_prefix()
    {
        const string localSettings = """
            { "IsEncrypted": false, "Values": { "AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions": "9" } }
            """;
        await using var factory = new FunctionsAppFactory(HostJson, localSettings);

        DurableTaskWorkerOptions options = WorkerOptions(factory);

        Assert.Equal(9, options.Concurrency.MaximumConcurrentActivityWorkItems);
        Assert.Equal(3, options.Concurrency.MaximumConcurrentOrchestrationWorkItems);
    }

    [Fact]
    public async Task A_negative_concurrency_fails_start_with_a_message_naming_the_key()
    {
        using var app = AppProcess.InTemporaryFolder(HostJson.Replace("\"maxConcurrentActivityFunctions\": 7", "\"maxConcurrentActivityFunctions\": -2", StringComparison.Ordinal));

        (int exitCode, string output) = await app.RunUntilExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("OptionsValidationException: host.json extensions.durableTask.maxConcurrentActivityFunctions must be at least 1, but is -2", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.Folder, ".data")), "the app wrote its store before rejecting its settings");
    }

    [Fact]
    public async Task An_unsupported_storage_provider_fails_start_with_a_message_naming_it()
    {
        using var app = AppProcess.InTemporaryFolder(HostJson.Replace("\"type\": \"sqlite\"", "\"type\": \"mssql\"", StringComparison.Ordinal));

        (int exitCode, string output) = await app.RunUntilExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("host.json extensions.durableTask.storageProvider.type must be 'sqlite', the only provider this host has, but is 'mssql'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_relative_sqlite_connection_string_is_placed_under_the_data_directory()
    {
        const string hostJson = """
            { "version": "2.0", "extensions": { "durableTask": { "storageProvider": { "type": "sqlite", "connectionStringName": "Store" } } } }
            """;
        const string localSettings = """{ "Values": { "Store": "Data Source=custom/hub.db" } }""";
        await using var factory = new FunctionsAppFactory(hostJson, localSettings);
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "custom", "hub.db")), "the configured store file is not under DataDirectory");
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "workflows.db")), "the default store was used instead of the configured one");
    }

    private static DurableTaskWorkerOptions WorkerOptions(FunctionsAppFactory factory) =>
        factory.Services.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName);
}
