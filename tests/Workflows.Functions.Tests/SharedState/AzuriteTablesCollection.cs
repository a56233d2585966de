namespace Workflows.Functions.Tests.SharedState;

/// <summary>The tests that share one Azurite with tables.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTablesCollection : ICollectionFixture<AzuriteTablesFixture>
{
    public const string Name = "Azurite tables";
}
