using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>Every crash test: one Azurite for all of them, and one test at a time, so that the kill timings and the
/// takeover times hold on a two-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection : ICollectionFixture<AzuriteServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Crash hosts";
}
