namespace Workflows.DurableTask.Tests.Infrastructure;

/// <summary>The tests that share the project's one <see cref="AzuriteServer"/>. Test classes in it run one after
/// another, which also keeps Azurite (most of a core under load) from starving the rest of the run.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
