
namespace Workflows.Host.Hosting;

/// <summary>Where the host reads its settings and writes its files.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The configuration key of <see cref="DataDirectory"/>.</summary>
    public const string DataDirectoryKey = Governance.Storage.DataDirectory.Key;

    /// <summary>The folder that the embedded defaults write under (see <see cref="Governance.Storage.DataDirectory"/>).</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The folder host.json and local.settings.json were read from.</summary>
    public string ScriptRoot { get; set; } = string.Empty;

    /// <summary>The absolute data folder that a configuration names.</summary>
    public static string ResolveDataDirectory(IConfiguration configuration) => Governance.Storage.DataDirectory.Resolve(configuration);
}
