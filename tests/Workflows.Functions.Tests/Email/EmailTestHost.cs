using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Governance.Email;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Email;

/// <summary>A temporary data directory, and service providers built by <see cref="EmailServiceCollectionExtensions.AddEmail"/>
/// on it (each one a fresh "process"); the folder is deleted on dispose.</summary>
public sealed class EmailTestHost : IDisposable
{
    public const string ApiKey = "SG.test-key-0123456789";

    private readonly List<ServiceProvider> providers = [];

    public EmailTestHost()
    {
        this.DataDirectory = Directory.CreateTempSubdirectory("email-tests-").FullName;
    }

    public string DataDirectory { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public static Dictionary<string, string?> SendGridSettings(Uri baseUrl) => new()
    {
        ["Email:SendGrid:ApiKey"] = ApiKey,
        ["Email:SendGrid:BaseUrl"] = baseUrl.ToString(),
        ["Email:FromAddress"] = "congress@example.org",
        ["Email:FromName"] = "Staffordshire Congress",
    };

    /// <summary>A new container on this data directory with <paramref name="settings"/> as configuration.</summary>
    public ServiceProvider Start(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? timeProvider = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["DataDirectory"] = this.DataDirectory };
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(this.Logs));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddEmail(configuration);
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        this.providers.Add(provider);
        return provider;
    }

    public void Dispose()
    {
        foreach (ServiceProvider provider in this.providers)
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(this.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
