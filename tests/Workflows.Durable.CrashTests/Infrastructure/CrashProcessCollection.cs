namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>The crash tests start several processes each; they run one at a time so that their timings hold on a
/// two-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashProcessCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Crash host processes";
}
