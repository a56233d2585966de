using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CorePurgeResult = DurableTask.Core.PurgeResult;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Workflows.DurableTask.Client;

/// <summary>Restarting, rewinding and purging instances.</summary>
public sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <inheritdoc/>
    /// <remarks>The restarted instance has the original's name, version, input and tags. Restarting under the same id
    /// refuses an instance that still runs (<see cref="InvalidOperationException"/>); terminate it first.</remarks>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        OrchestrationState state = await this.GetStateAsync(instanceId)
            ?? throw new ArgumentException($"There is no orchestration instance '{instanceId}' to restart.", nameof(instanceId));
        if (!restartWithNewInstanceId && RuntimeStatusConversion.Live.Contains(state.OrchestrationStatus.ToRuntimeStatus()))
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {state.OrchestrationStatus.ToRuntimeStatus()}: it can be restarted under its own id only once it has finished.");
        }

        string newInstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var instance = new OrchestrationInstance { InstanceId = newInstanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new global::DurableTask.Core.History.ExecutionStartedEvent(-1, state.Input)
        {
            Name = state.Name,
            Version = state.Version ?? string.Empty,
            OrchestrationInstance = instance,
            Tags = state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
        };
        OrchestrationStatus[] refused = [.. RuntimeStatusConversion.Live.Select(s => s.ToCoreStatus())];
        await this.client.CreateTaskOrchestrationAsync(new TaskMessage { Event = started, OrchestrationInstance = instance }, refused);
        ClientLog.Restarted(this.logger, instanceId, newInstanceId);
        return newInstanceId;
    }

    /// <inheritdoc/>
    /// <remarks>Only a Failed instance can be rewound (<see cref="InvalidOperationException"/> otherwise); a provider
    /// without rewind throws <see cref="NotSupportedException"/>.</remarks>
    public override async Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (this.rewind is null)
        {
            throw new NotSupportedException($"{this.client.GetType().Name} cannot rewind orchestrations.");
        }

        OrchestrationState state = await this.GetStateAsync(instanceId)
            ?? throw new ArgumentException($"There is no orchestration instance '{instanceId}' to rewind.", nameof(instanceId));
        if (state.OrchestrationStatus != OrchestrationStatus.Failed)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {state.OrchestrationStatus.ToRuntimeStatus()}: only a Failed instance can be rewound.");
        }

        ClientLog.Rewinding(this.logger, instanceId);
        await this.rewind.RewindTaskOrchestrationAsync(instanceId, reason ?? string.Empty, cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>An instance that is missing or has not finished is left alone (count 0). With
    /// <see cref="PurgeInstanceOptions.Recursive"/> the sub-orchestrations it started go too, and theirs.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        IOrchestrationServicePurgeClient purge = this.PurgeClient;
        cancellation.ThrowIfCancellationRequested();
        OrchestrationState? state = await this.GetStateAsync(instanceId);
        if (state is null || !RuntimeStatusConversion.Terminal.Contains(state.OrchestrationStatus.ToRuntimeStatus()))
        {
            return new PurgeResult(0);
        }

        int count = 0;
        if (options?.Recursive == true)
        {
            foreach (string child in await this.SubOrchestrationIdsAsync(instanceId, runningOnly: false, cancellation))
            {
                count += (await this.PurgeInstanceAsync(child, options, cancellation)).PurgedInstanceCount;
            }
        }

        CorePurgeResult result = await purge.PurgeInstanceStateAsync(instanceId);
        count += result.DeletedInstanceCount;
        ClientLog.Purged(this.logger, instanceId, count);
        return new PurgeResult(count);
    }

    /// <inheritdoc/>
    /// <remarks>Only finished instances are purged, whatever statuses the filter names. With
    /// <see cref="PurgeInstanceOptions.Recursive"/> each match is purged with its sub-orchestrations, even those the
    /// filter does not match.</remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        IOrchestrationServicePurgeClient purge = this.PurgeClient;
        cancellation.ThrowIfCancellationRequested();
        OrchestrationRuntimeStatus[] statuses = [.. (filter.Statuses ?? RuntimeStatusConversion.Terminal).Where(RuntimeStatusConversion.Terminal.Contains).Distinct()];
        if (statuses.Length == 0)
        {
            return new PurgeResult(0);
        }

        if (options?.Recursive != true)
        {
            CorePurgeResult result = await purge.PurgeInstanceStateAsync(new PurgeInstanceFilter(
                filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue,
                filter.CreatedTo?.UtcDateTime,
                statuses.Select(s => s.ToCoreStatus())));
            return new PurgeResult(result.DeletedInstanceCount);
        }

        var matches = new List<string>();
        var query = new Microsoft.DurableTask.Client.OrchestrationQuery(filter.CreatedFrom, filter.CreatedTo, statuses);
        await foreach (OrchestrationMetadata instance in this.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            matches.Add(instance.InstanceId);
        }

        int count = 0;
        foreach (string instanceId in matches)
        {
            count += (await this.PurgeInstanceAsync(instanceId, options, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(count);
    }

    private IOrchestrationServicePurgeClient PurgeClient => this.client as IOrchestrationServicePurgeClient
        ?? throw new NotSupportedException($"{this.client.GetType().Name} cannot purge instances (it does not implement IOrchestrationServicePurgeClient).");
}
