using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Worker;
using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.Tests.Configuration;

/// <summary>DurableTask.AzureStorage's Information chatter is kept out of the logs by default, its warnings and errors
/// are not, and a Logging:LogLevel setting for its category still decides.</summary>
public sealed class AzureStorageLoggingTests
{
    [Fact]
    public void Information_is_dropped_and_warnings_kept_by_default()
    {
        ILogger logger = Logger(new Dictionary<string, string?>());

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.True(logger.IsEnabled(LogLevel.Error));
    }

    [Fact]
    public void A_log_level_setting_for_the_category_wins()
    {
        ILogger logger = Logger(new Dictionary<string, string?> { ["Logging:LogLevel:DurableTask.AzureStorage"] = "Debug" });

        Assert.True(logger.IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public void Other_categories_are_left_alone()
    {
        HostApplicationBuilder builder = Builder(new Dictionary<string, string?>());
        using IHost host = builder.Build();

        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DurableTask.Core").IsEnabled(LogLevel.Information));
    }

    private static ILogger Logger(Dictionary<string, string?> settings)
    {
        IHost host = Builder(settings).Build();
        return host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DurableTask.AzureStorage.Partitioning");
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(new CapturingLoggerProvider());
        builder.Services.AddDurableTaskWorker(b => b.UseAzureStorage("UseDevelopmentStorage=true"));
        return builder;
    }
}
