using Workflows.Durable.Storage;

namespace Workflows.Durable.Client;

/// <summary>The client over an <see cref="IOrchestrationStore"/>.</summary>
internal sealed class StoreDurableTaskClient : DurableTaskClient
{
    private static readonly OrchestrationRuntimeStatus[] DefaultDedupeStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly IOrchestrationStore store;
    private readonly DataConverter converter;
    private readonly TimeProvider clock;

    public StoreDurableTaskClient(string name, IOrchestrationStore store, DataConverter converter, TimeProvider clock)
        : base(name)
    {
        this.store = store;
        this.converter = converter;
        this.clock = clock;
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (orchestratorName == default)
        {
            throw new ArgumentException("An orchestrator name is required.", nameof(orchestratorName));
        }

        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (string.IsNullOrWhiteSpace(instanceId) || instanceId.Length > 256 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException("An instance id must be 1 to 256 characters with no control characters.", nameof(options));
        }

        IReadOnlyCollection<OrchestrationRuntimeStatus> dedupe = options?.DedupeStatuses is { } statuses
            ? statuses.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true)).ToList()
            : DefaultDedupeStatuses;
        string? serialized = this.converter.Serialize(input);
        await this.store.CreateInstanceAsync(
            NewInstance(instanceId, orchestratorName.Name, serialized, options?.Version?.Version, options?.StartAt, options?.Tags, this.clock.GetUtcNow()),
            dedupe,
            cancellation).ConfigureAwait(false);
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var message = new HistoryEvent
        {
            EventType = HistoryEventType.EventRaised,
            Name = eventName,
            Input = this.converter.Serialize(eventPayload),
            Timestamp = this.clock.GetUtcNow().UtcDateTime,
        };
        return this.store.SendMessageAsync(instanceId, message, null, cancellation);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.WaitForAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        this.WaitForAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var message = new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionTerminated,
            Input = this.converter.Serialize(options?.Output),
            Recursive = options?.Recursive ?? false,
            Timestamp = this.clock.GetUtcNow().UtcDateTime,
        };
        return this.store.SendMessageAsync(instanceId, message, null, cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        this.SendControlAsync(instanceId, HistoryEventType.ExecutionSuspended, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        this.SendControlAsync(instanceId, HistoryEventType.ExecutionResumed, reason, cancellation);

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        InstanceRecord record = await this.store.GetInstanceAsync(instanceId, includePayloads: true, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance with id '{instanceId}' exists.", nameof(instanceId));
        if (record.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {record.RuntimeStatus}; only a completed, failed or terminated instance can be restarted.");
        }

        string newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        await this.store.CreateInstanceAsync(
            NewInstance(newId, record.Name, record.Input, record.Version, null, record.Tags, this.clock.GetUtcNow()),
            DefaultDedupeStatuses,
            cancellation).ConfigureAwait(false);
        return newId;
    }

    public override async Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        InstanceRecord record = await this.store.GetInstanceAsync(instanceId, includePayloads: false, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance with id '{instanceId}' exists.", nameof(instanceId));
        if (!await this.store.RewindAsync(instanceId, reason, cancellation).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {record.RuntimeStatus}; only a failed instance can be rewound.");
        }
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceRecord? record = await this.store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
        return record is null ? null : this.ToMetadata(record, getInputsAndOutputs);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        OrchestrationQuery query = filter ?? new OrchestrationQuery();
        return Pageable.Create<OrchestrationMetadata>(async (token, size, ct) =>
        {
            InstancePage page = await this.store.QueryInstancesAsync(
                ToStoreQuery(query) with
                {
                    PageSize = size ?? query.PageSize,
                    IncludePayloads = query.FetchInputsAndOutputs,
                    ContinuationToken = token ?? query.ContinuationToken,
                },
                ct).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(
                page.Instances.Select(r => this.ToMetadata(r, query.FetchInputsAndOutputs)).ToList(),
                page.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    public override async Task<WorkBacklog?> GetBacklogAsync(CancellationToken cancellation = default) =>
        await this.store.GetBacklogAsync(cancellation).ConfigureAwait(false);

    /// <inheritdoc/>
    public override Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, long>> CountInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellation = default) =>
        this.store.CountInstancesAsync(ToStoreQuery(filter ?? new OrchestrationQuery()), cancellation);

    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default) =>
        (await this.store.GetHistoryAsync(instanceId, cancellation).ConfigureAwait(false)).ToList();

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        new(await this.store.PurgeInstanceAsync(instanceId, options?.Recursive ?? false, cancellation).ConfigureAwait(false));

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        int count = await this.store.PurgeInstancesAsync(
            new PurgeFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses?.ToList()),
            cancellation).ConfigureAwait(false);
        return new PurgeResult(count);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NewOrchestrationInstance NewInstance(
        string instanceId,
        string name,
        string? input,
        string? version,
        DateTimeOffset? startAt,
        IReadOnlyDictionary<string, string>? tags,
        DateTimeOffset now) => new()
    {
        InstanceId = instanceId,
        Name = name,
        Input = input,
        Version = version,
        StartAt = startAt,
        Tags = tags,
        ExecutionStarted = new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionStarted,
            Name = name,
            Version = version,
            Input = input,
            ExecutionId = Guid.NewGuid().ToString("N"),
            ScheduledStartTime = startAt,
            Timestamp = now.UtcDateTime,
            Tags = tags is { Count: > 0 } ? tags : null,
        },
    };

    private Task<bool> SendControlAsync(string instanceId, HistoryEventType type, string? reason, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var message = new HistoryEvent { EventType = type, Input = reason, Timestamp = this.clock.GetUtcNow().UtcDateTime };
        return this.store.SendMessageAsync(instanceId, message, null, cancellation);
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads) => new(record.Name, record.InstanceId)
    {
        RuntimeStatus = record.RuntimeStatus,
        CreatedAt = record.CreatedAt,
        LastUpdatedAt = record.LastUpdatedAt,
        SerializedInput = record.Input,
        SerializedOutput = record.Output,
        SerializedCustomStatus = record.CustomStatus,
        FailureDetails = record.FailureDetails,
        ParentInstanceId = record.ParentInstanceId,
        Tags = record.Tags ?? new Dictionary<string, string>(),
        DataConverter = withPayloads ? this.converter : null,
    };

    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool withPayloads, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        // Changes made in this process wake the wait at once; changes by other processes are seen by polling.
        using var changed = new SemaphoreSlim(0);
        void OnChanged(string id)
        {
            if (id == instanceId && changed.CurrentCount == 0)
            {
                changed.Release();
            }
        }

        this.store.InstanceChanged += OnChanged;
        try
        {
            TimeSpan poll = TimeSpan.FromMilliseconds(20);
            while (true)
            {
                OrchestrationMetadata? metadata = await this.GetInstanceAsync(instanceId, withPayloads, cancellation).ConfigureAwait(false);
                if (metadata is not null && done(metadata))
                {
                    return metadata;
                }

                await changed.WaitAsync(poll, cancellation).ConfigureAwait(false);
                poll = TimeSpan.FromMilliseconds(Math.Min(poll.TotalMilliseconds * 2, 1000));
            }
        }
        finally
        {
            this.store.InstanceChanged -= OnChanged;
        }
    }

    private static InstanceQuery ToStoreQuery(OrchestrationQuery query) => new()
    {
        CreatedFrom = query.CreatedFrom,
        CreatedTo = query.CreatedTo,
        Statuses = query.Statuses?.ToList(),
        InstanceIdPrefix = query.InstanceIdPrefix,
        Name = query.Name,
        CustomStatusContains = query.CustomStatusContains,
        OrderBy = query.OrderBy,
        Ascending = query.Ascending,
    };
}
