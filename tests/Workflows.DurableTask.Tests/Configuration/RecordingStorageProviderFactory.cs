using Workflows.DurableTask.Configuration;

namespace Workflows.DurableTask.Tests.Configuration;

/// <summary>A provider factory that records the contexts it is asked to configure, standing in for SQLite's.</summary>
public sealed class RecordingStorageProviderFactory(string type) : IStorageProviderFactory
{
    public string Type { get; } = type;

    public List<StorageProviderContext> Contexts { get; } = [];

    public void Configure(StorageProviderContext context) => this.Contexts.Add(context);
}
