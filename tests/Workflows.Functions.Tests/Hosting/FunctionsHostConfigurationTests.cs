using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Host.Hosting;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Hosting;

public sealed class FunctionsHostConfigurationTests
{
    [Fact]
    public async Task A_local_settings_value_with_double_underscores_becomes_a_nested_key()
    {
        const string localSettings = """
            {
              "IsEncrypted": false,
              "Values": { "Approvals__Reminders__FirstAfterHours": "48", "Plain": "yes" },
              "ConnectionStrings": { "Documents": "UseDevelopmentStorage=true" }
            }
            """;
        await using var factory = new FunctionsAppFactory(localSettings: localSettings);

        IConfiguration configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("48", configuration.GetSection("Approvals:Reminders")["FirstAfterHours"]);
        Assert.Equal("yes", configuration["Plain"]);
        Assert.Equal("UseDevelopmentStorage=true", configuration.GetConnectionString("Documents"));
    }

    [Fact]
    public async Task An_environment_variable_overrides_local_settings_and_host_json()
    {
        // A key of its own, so that tests running in parallel in this process cannot see each other's variable.
        string section = "EnvOverride" + Guid.NewGuid().ToString("N");
        string hostJson = $$"""{ "version": "2.0", "{{section}}": { "Fallback": "host" } }""";
        string localSettings = $$"""{ "Values": { "{{section}}__Value": "local", "AzureFunctionsJobHost__{{section}}__Fallback": "local" } }""";
        Environment.SetEnvironmentVariable($"{section}__Value", "environment");
        Environment.SetEnvironmentVariable($"AzureFunctionsJobHost__{section}__Fallback", "environment");
        try
        {
            await using var factory = new FunctionsAppFactory(hostJson, localSettings);

            IConfiguration configuration = factory.Services.GetRequiredService<IConfiguration>();

            Assert.Equal("environment", configuration[$"{section}:Value"]);
            Assert.Equal("environment", configuration[$"AzureFunctionsJobHost:{section}:Fallback"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{section}__Value", null);
            Environment.SetEnvironmentVariable($"AzureFunctionsJobHost__{section}__Fallback", null);
        }
    }

    [Fact]
    public async Task Local_settings_override_host_json()
    {
        const string hostJson = """{ "version": "2.0", "custom": { "setting": "host" } }""";
        const string localSettings = """{ "Values": { "AzureFunctionsJobHost__custom__setting": "local" } }""";
        await using var factory = new FunctionsAppFactory(hostJson, localSettings);

        IConfiguration configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("local", configuration["AzureFunctionsJobHost:custom:setting"]);
    }

    [Fact]
    public async Task The_host_listens_on_port_7071_unless_urls_are_given()
    {
        await using var byDefault = new FunctionsAppFactory();
        await using var explicitUrls = new FunctionsAppFactory(settings: new Dictionary<string, string?> { ["urls"] = "http://localhost:5123" });

        Assert.Equal("http://localhost:7071", byDefault.Services.GetRequiredService<IConfiguration>()["urls"]);
        Assert.Equal("http://localhost:5123", explicitUrls.Services.GetRequiredService<IConfiguration>()["urls"]);
    }

    [Fact]
    public async Task Host_json_logging_levels_apply_to_the_app()
    {
        const string hostJson = """{ "version": "2.0", "logging": { "logLevel": { "default": "Warning", "Congress.Audit": "Debug" } } }""";
        await using var factory = new FunctionsAppFactory(hostJson);

        ILoggerFactory loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Anything").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("Anything").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Congress.Audit").IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public async Task An_encrypted_local_settings_file_fails_start_with_a_message_saying_so()
    {
        await using var factory = new FunctionsAppFactory(localSettings: """{ "IsEncrypted": true, "Values": { "A": "b" } }""");

        Exception error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("local.settings.json is encrypted", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirectory_is_exposed_as_an_absolute_path()
    {
        await using var factory = new FunctionsAppFactory();

        FunctionsHostOptions options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FunctionsHostOptions>>().Value;

        Assert.Equal(factory.DataDirectory, options.DataDirectory);
        Assert.Equal(factory.ContentRoot, options.ScriptRoot);
    }
}
