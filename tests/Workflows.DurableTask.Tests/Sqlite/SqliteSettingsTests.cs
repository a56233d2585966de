using Workflows.DurableTask.Sqlite;

namespace Workflows.DurableTask.Tests.Sqlite;

/// <summary>Validation of the provider's settings.</summary>
public sealed class SqliteSettingsTests
{
    [Fact]
    public void Defaults_with_a_file_connection_string_are_valid_and_as_documented()
    {
        var settings = new SqliteOrchestrationServiceSettings { ConnectionString = "Data Source=hub.db" };
        Assert.Empty(settings.Validate());
        Assert.Equal("default", settings.TaskHubName);
        Assert.Equal(8 * 1024, settings.PayloadInlineThreshold);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(50 * Environment.ProcessorCount, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(20 * Environment.ProcessorCount, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.True(settings.ExtendedSessionIdleTimeout < settings.OrchestrationLockTimeout);
    }

    [Theory]
    [InlineData("", "ConnectionString is required")]
    [InlineData("Data Source=:memory:", "in-memory")]
    [InlineData("Data Source=x.db;Mode=Memory", "in-memory")]
    [InlineData("Data Source=x.db;Password=hunter2;Bogus Key=1", "not a valid SQLite connection string")]
    public void Bad_connection_strings_are_refused_without_echoing_them(string connectionString, string expected)
    {
        var settings = new SqliteOrchestrationServiceSettings { ConnectionString = connectionString };
        string errors = string.Join(" ", settings.Validate());
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", errors, StringComparison.Ordinal);
        ArgumentException thrown = Assert.Throws<ArgumentException>(() => new SqliteOrchestrationService(settings));
        Assert.DoesNotContain("hunter2", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once()
    {
        var settings = new SqliteOrchestrationServiceSettings
        {
            ConnectionString = "Data Source=hub.db",
            TaskHubName = " ",
            MaxConcurrentTaskActivityWorkItems = 0,
            OrchestrationLockTimeout = TimeSpan.FromMilliseconds(10),
            ExtendedSessionIdleTimeout = TimeSpan.FromMinutes(5),
            PayloadInlineThreshold = 10,
            MinPollingInterval = TimeSpan.FromSeconds(5),
            MaxPollingInterval = TimeSpan.FromSeconds(1),
        };
        IReadOnlyList<string> errors = settings.Validate();
        Assert.Contains(errors, e => e.StartsWith("TaskHubName", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MaxConcurrentTaskActivityWorkItems", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("OrchestrationLockTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ExtendedSessionIdleTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("PayloadInlineThreshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("MinPollingInterval", StringComparison.Ordinal));
    }
}
