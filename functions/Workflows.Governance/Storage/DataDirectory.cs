namespace Workflows.Governance.Storage;

/// <summary>The folder the embedded defaults (the SQLite store, the email ledger and outbox, local documents, Data
/// Protection keys) write under: the <c>DataDirectory</c> setting, relative to the working directory, or <c>.data</c>
/// there by default.</summary>
public static class DataDirectory
{
    /// <summary>The configuration key.</summary>
    public const string Key = "DataDirectory";

    /// <summary>The absolute data folder that a configuration names.</summary>
    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configured = configuration[Key];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? ".data" : configured, Directory.GetCurrentDirectory());
    }
}
