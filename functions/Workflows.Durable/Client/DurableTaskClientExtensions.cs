namespace Workflows.Durable.Client;

/// <summary>Convenience overloads of <see cref="DurableTaskClient"/>, as in Microsoft.DurableTask.</summary>
public static class DurableTaskClientExtensions
{
    /// <summary>Purges the finished instances created in a time range.</summary>
    public static Task<PurgeResult> PurgeInstancesAsync(this DurableTaskClient client, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, CancellationToken cancellation = default) =>
        PurgeInstancesAsync(client, createdFrom, createdTo, null, null, cancellation);

    /// <summary>Purges the finished instances created in a time range with one of the given statuses.</summary>
    public static Task<PurgeResult> PurgeInstancesAsync(this DurableTaskClient client, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, IEnumerable<OrchestrationRuntimeStatus>? statuses, CancellationToken cancellation = default) =>
        PurgeInstancesAsync(client, createdFrom, createdTo, statuses, null, cancellation);

    /// <summary>Purges the finished instances created in a time range, with options.</summary>
    public static Task<PurgeResult> PurgeInstancesAsync(this DurableTaskClient client, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, PurgeInstanceOptions? options, CancellationToken cancellation = default) =>
        PurgeInstancesAsync(client, createdFrom, createdTo, null, options, cancellation);

    /// <summary>Purges the finished instances created in a time range with one of the given statuses, with options.</summary>
    public static Task<PurgeResult> PurgeInstancesAsync(this DurableTaskClient client, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, IEnumerable<OrchestrationRuntimeStatus>? statuses, PurgeInstanceOptions? options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PurgeAllInstancesAsync(new PurgeInstancesFilter(createdFrom, createdTo, statuses), options, cancellation);
    }
}
