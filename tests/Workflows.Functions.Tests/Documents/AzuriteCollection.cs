using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Documents;

/// <summary>The tests that share one Azurite process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
