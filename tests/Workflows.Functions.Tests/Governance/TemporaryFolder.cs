namespace Workflows.Functions.Tests.Governance;

/// <summary>A folder for a test's files, deleted on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("governance-").FullName;

    public void Dispose() => Directory.Delete(this.Path, recursive: true);
}
