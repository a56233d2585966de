namespace Workflows.Functions.Hosting;

/// <summary>Where the host reads its settings and writes its files.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The configuration key of <see cref="DataDirectory"/>.</summary>
    public const string DataDirectoryKey = "DataDirectory";

    /// <summary>The folder that the embedded defaults (the SQLite store, and later the email outbox and documents) write
    /// under: the <c>DataDirectory</c> setting, relative to the working directory, or <c>.data</c> there by default.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The folder host.json and local.settings.json were read from.</summary>
    public string ScriptRoot { get; set; } = string.Empty;

    /// <summary>The absolute data folder that a configuration names.</summary>
    public static string ResolveDataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configured = configuration[DataDirectoryKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? ".data" : configured, Directory.GetCurrentDirectory());
    }
}
