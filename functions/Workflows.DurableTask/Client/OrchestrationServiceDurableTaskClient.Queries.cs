using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;

namespace Workflows.DurableTask.Client;

/// <summary>Reading instances: one, pages of them, waiting for them, their history.</summary>
public sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <inheritdoc/>
    /// <remarks>A failed instance always has its <see cref="OrchestrationMetadata.FailureDetails"/>: a provider that keeps
    /// only the failure's text (Azure Storage) has them rebuilt from the instance's history, or else its output.</remarks>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        OrchestrationState? state = await this.GetStateAsync(instanceId);
        if (state is null)
        {
            return null;
        }

        TaskFailureDetails? failure = state.FailureDetails.ToTaskFailureDetails();
        if (failure is null && state.OrchestrationStatus == OrchestrationStatus.Failed)
        {
            failure = FailureDetailsConversion.FromHistory(await this.ReadHistoryAsync(instanceId, cancellation))
                ?? FailureDetailsConversion.FromOutput(state.Output);
        }

        return this.ToMetadata(state, getInputsAndOutputs, failure);
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(Microsoft.DurableTask.Client.OrchestrationQuery? filter = null)
    {
        IOrchestrationServiceQueryClient queries = this.client as IOrchestrationServiceQueryClient
            ?? throw new NotSupportedException($"{this.client.GetType().Name} cannot query instances (it does not implement IOrchestrationServiceQueryClient).");
        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => s.ToCoreStatus()).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                TaskHubNames = filter?.TaskHubNames?.ToList(),
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? Microsoft.DurableTask.Client.OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            OrchestrationQueryResult result = await queries.GetOrchestrationWithQueryAsync(query, cancellation);
            List<OrchestrationMetadata> page = [.. result.OrchestrationState.Select(s => this.ToMetadata(
                s,
                query.FetchInputsAndOutputs,
                s.FailureDetails.ToTaskFailureDetails() ?? (s.OrchestrationStatus == OrchestrationStatus.Failed ? FailureDetailsConversion.FromOutput(s.Output) : null)))];
            return new Page<OrchestrationMetadata>(page, string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    /// <remarks>Polls, soon at first and then at most every second; throws <see cref="InvalidOperationException"/> when
    /// there is no such instance.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => this.WaitForAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc/>
    /// <remarks>Polls, soon at first and then at most every second; throws <see cref="InvalidOperationException"/> when
    /// there is no such instance.</remarks>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        => this.WaitForAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <inheritdoc/>
    public override Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return this.ReadHistoryAsync(instanceId, cancellation);
    }

    private async Task<IList<HistoryEvent>> ReadHistoryAsync(string instanceId, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return HistoryEventJson.Parse(await this.client.GetOrchestrationHistoryAsync(instanceId, executionId: null));
    }

    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        TimeSpan delay = FirstPoll;
        while (true)
        {
            OrchestrationMetadata metadata = await this.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"There is no orchestration instance '{instanceId}'.");
            if (done(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, delay.Ticks * 2));
        }
    }

    /// <summary>The ids of the sub-orchestrations <paramref name="instanceId"/>'s current execution started; only those
    /// that have not reported back when <paramref name="runningOnly"/>.</summary>
    private async Task<IReadOnlyList<string>> SubOrchestrationIdsAsync(string instanceId, bool runningOnly, CancellationToken cancellation)
    {
        IList<HistoryEvent> history = await this.ReadHistoryAsync(instanceId, cancellation);
        var finished = new HashSet<int>();
        if (runningOnly)
        {
            foreach (HistoryEvent e in history)
            {
                switch (e)
                {
                    case SubOrchestrationInstanceCompletedEvent completed:
                        finished.Add(completed.TaskScheduledId);
                        break;
                    case SubOrchestrationInstanceFailedEvent failed:
                        finished.Add(failed.TaskScheduledId);
                        break;
                }
            }
        }

        return [.. history.OfType<SubOrchestrationInstanceCreatedEvent>()
            .Where(c => !finished.Contains(c.EventId) && !string.IsNullOrEmpty(c.InstanceId))
            .Select(c => c.InstanceId)
            .Distinct(StringComparer.Ordinal)];
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs, TaskFailureDetails? failure) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            RuntimeStatus = state.OrchestrationStatus.ToRuntimeStatus(),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = getInputsAndOutputs ? state.Status : null,
            DataConverter = getInputsAndOutputs ? this.converter : null,
            Tags = state.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
            FailureDetails = failure,
        };

    private static DateTimeOffset AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Unspecified => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => new DateTimeOffset(time.ToUniversalTime()),
    };
}
