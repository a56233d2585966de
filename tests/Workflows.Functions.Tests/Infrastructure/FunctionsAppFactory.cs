using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflows.Functions.Tests.Infrastructure;

/// <summary>The app in memory, with a temporary content root holding the given host.json (and local.settings.json) and a
/// temporary data directory; both are deleted on dispose, so nothing is written into the repository.</summary>
/// <remarks>Settings are passed as files or as host settings (which reach Program as command-line arguments), because the
/// store is chosen while services are registered, before ConfigureAppConfiguration callbacks would apply.</remarks>
public sealed class FunctionsAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A host.json with only the required version, so the repository's copy in the output folder is not used.</summary>
    public const string MinimalHostJson = """{ "version": "2.0" }""";

    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly StartGateLifetime startGate = new();

    public FunctionsAppFactory(
        string hostJson = MinimalHostJson,
        string? localSettings = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        this.services = services;
        this.Folder = Directory.CreateTempSubdirectory("functions-tests-").FullName;
        this.ContentRoot = Directory.CreateDirectory(Path.Combine(this.Folder, "app")).FullName;
        this.DataDirectory = Path.Combine(this.Folder, "data");
        File.WriteAllText(Path.Combine(this.ContentRoot, "host.json"), hostJson);
        if (localSettings is not null)
        {
            File.WriteAllText(Path.Combine(this.ContentRoot, "local.settings.json"), localSettings);
        }

        this.settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        this.settings.TryAdd("DataDirectory", this.DataDirectory);
    }

    public string Folder { get; }

    public string ContentRoot { get; }

    public string DataDirectory { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(this.ContentRoot);
        foreach ((string key, string? value) in this.settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(this.Logs));
        builder.ConfigureServices(s => s.AddSingleton<IHostLifetime>(this.startGate));
        if (this.services is not null)
        {
            builder.ConfigureServices(this.services);
        }
    }

    /// <summary>Starts the host as the base class does, letting Program's start go on only once this start has begun (see
    /// <see cref="StartGateLifetime"/>).</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IHost host = builder.Build();
        Task starting = host.StartAsync();
        this.startGate.Open();
        starting.GetAwaiter().GetResult();
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
