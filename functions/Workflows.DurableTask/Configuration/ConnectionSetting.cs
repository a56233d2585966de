using Microsoft.Extensions.Configuration;

namespace Workflows.DurableTask.Configuration;

/// <summary>A connection found in configuration the way Azure Functions finds one: a plain key (an app setting, a
/// local.settings.json value, an environment variable), <c>ConnectionStrings:&lt;name&gt;</c>, or a section
/// <c>&lt;name&gt;</c> whose keys (<c>&lt;name&gt;__accountName</c>, <c>__blobServiceUri</c>, ... in environment
/// variables) describe an identity-based connection.</summary>
public sealed class ConnectionSetting
{
    private ConnectionSetting(string name, string? connectionString, IConfigurationSection? section)
    {
        this.Name = name;
        this.ConnectionString = connectionString;
        this.Section = section;
    }

    /// <summary>The setting's name.</summary>
    public string Name { get; }

    /// <summary>The connection string, when the setting is one. Never log it: it may hold an account key.</summary>
    public string? ConnectionString { get; }

    /// <summary>The section, when the setting is an identity-based connection rather than a string.</summary>
    public IConfigurationSection? Section { get; }

    /// <summary>The setting called <paramref name="name"/>: a plain value first, then <c>ConnectionStrings:name</c>,
    /// then a section with values below it; null when none of them is set.</summary>
    public static ConnectionSetting? Find(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (configuration[name] is { Length: > 0 } plain && !string.IsNullOrWhiteSpace(plain))
        {
            return new ConnectionSetting(name, plain.Trim(), null);
        }

        if (configuration.GetConnectionString(name) is { } named && !string.IsNullOrWhiteSpace(named))
        {
            return new ConnectionSetting(name, named.Trim(), null);
        }

        IConfigurationSection section = configuration.GetSection(name);
        return section.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value) || c.GetChildren().Any())
            ? new ConnectionSetting(name, null, section)
            : null;
    }
}
