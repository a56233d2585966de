using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Durable.Client;
using Workflows.Durable.Replay;
using Workflows.Durable.Storage;

namespace Workflows.Durable.Worker;

/// <summary>The hosted service that runs orchestration episodes and activities from a store.</summary>
/// <remarks>Two dispatchers claim work in batches up to their free slots. They wake at once when work is written in
/// this process, back off to <see cref="DurableTaskWorkerOptions.MaxPollingInterval"/> when idle, and wake on the
/// injected clock when the next timer falls due. Activity results are committed in batches. On shutdown the worker
/// stops claiming, lets running work finish within <see cref="DurableTaskWorkerOptions.DrainTimeout"/>, and releases
/// the locks of what did not, so that another worker takes it over at once.</remarks>
public sealed class DurableTaskWorker : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(10);
    private readonly string name;
    private readonly DurableTaskWorkerOptions options;
    private readonly IServiceProvider services;
    private readonly TimeProvider clock;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> orchestrators;
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> activities;
    private readonly OrchestrationSessionCache sessions;
    private readonly WorkSignal orchestrationSignal = new();
    private readonly WorkSignal activitySignal = new();
    private readonly ConcurrentDictionary<long, ActivityWorkItem> runningActivities = new();
    private readonly ConcurrentDictionary<Task, bool> inFlight = new();
    private readonly Channel<(ActivityWorkItem Item, HistoryEvent Result)> activityResults =
        Channel.CreateUnbounded<(ActivityWorkItem, HistoryEvent)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SemaphoreSlim orchestrationSlots;
    private readonly SemaphoreSlim activitySlots;
    private IOrchestrationStore? store;

    internal DurableTaskWorker(
        string name,
        DurableTaskRegistry registry,
        DurableTaskWorkerOptions options,
        IServiceProvider services,
        TimeProvider clock,
        ILoggerFactory loggerFactory)
    {
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(name, typeof(DurableTaskWorkerOptions), errors);
        }

        this.name = string.IsNullOrEmpty(name) ? "default" : name;
        this.options = options;
        this.services = services;
        this.clock = clock;
        this.loggerFactory = loggerFactory;
        this.logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        this.orchestrators = registry.GetOrchestrators().ToDictionary(p => p.Key, p => p.Value);
        this.activities = registry.GetActivities().ToDictionary(p => p.Key, p => p.Value);
        this.orchestrationSlots = new SemaphoreSlim(options.Concurrency.MaximumConcurrentOrchestrationWorkItems);
        this.activitySlots = new SemaphoreSlim(options.Concurrency.MaximumConcurrentActivityWorkItems);
        this.sessions = new OrchestrationSessionCache(
            options.ExtendedSessionsEnabled ? options.MaxCachedOrchestrations : 0,
            options.ExtendedSessionIdleTimeout);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        this.orchestrationSlots.Dispose();
        this.activitySlots.Dispose();
        base.Dispose();
    }

    private IOrchestrationStore Store => this.store ?? throw new InvalidOperationException("The worker has not started.");

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Func<IServiceProvider, IOrchestrationStore> factory = this.options.StoreFactory
            ?? throw new InvalidOperationException("The durable task worker has no store: call UseSqlite (or another Use* method) on its builder.");
        this.store = factory(this.services);
        await this.store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        this.store.WorkAvailable += this.OnWorkAvailable;
        Log.WorkerStarted(this.logger, this.name, this.options.Concurrency.MaximumConcurrentOrchestrationWorkItems, this.options.Concurrency.MaximumConcurrentActivityWorkItems);

        using var completerStop = new CancellationTokenSource();
        Task completer = Task.Run(() => this.CommitActivityResultsAsync(completerStop.Token), CancellationToken.None);
        try
        {
            await Task.WhenAll(
                Task.Run(() => this.OrchestrationLoopAsync(stoppingToken), CancellationToken.None),
                Task.Run(() => this.ActivityLoopAsync(stoppingToken), CancellationToken.None),
                Task.Run(() => this.RenewLocksLoopAsync(stoppingToken), CancellationToken.None),
                Task.Run(() => this.SampleBacklogLoopAsync(stoppingToken), CancellationToken.None)).ConfigureAwait(false);
        }
        finally
        {
            this.store.WorkAvailable -= this.OnWorkAvailable;
            await this.DrainAsync().ConfigureAwait(false);
            this.activityResults.Writer.TryComplete();
            await completer.ConfigureAwait(false);
            await completerStop.CancelAsync().ConfigureAwait(false);
            Log.WorkerStopped(this.logger, this.name);
        }
    }

    private void OnWorkAvailable()
    {
        this.orchestrationSignal.Set();
        this.activitySignal.Set();
    }

    private async Task DrainAsync()
    {
        Task all = Task.WhenAll(this.inFlight.Keys);
        await Task.WhenAny(all, Task.Delay(this.options.DrainTimeout)).ConfigureAwait(false);
        if (!all.IsCompleted)
        {
            ActivityWorkItem[] unfinished = this.runningActivities.Values.ToArray();
            foreach (ActivityWorkItem item in unfinished)
            {
                try
                {
                    await this.Store.AbandonActivityAsync(item, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.DispatcherError(this.logger, "shutdown", ex);
                }
            }

            Log.ActivitiesAbandoned(this.logger, unfinished.Length);
        }
    }

    private void Track(Task task)
    {
        this.inFlight[task] = true;
        task.ContinueWith(t => this.inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private Task OrchestrationLoopAsync(CancellationToken stoppingToken) => this.DispatchAsync<OrchestrationWorkItem>(
        "orchestration",
        this.orchestrationSlots,
        this.orchestrationSignal,
        watchTimers: true,
        this.Store.LockNextOrchestrationsAsync,
        this.RunEpisodeAsync,
        onIdle: this.sessions.Trim,
        stoppingToken);

    private Task ActivityLoopAsync(CancellationToken stoppingToken) => this.DispatchAsync<ActivityWorkItem>(
        "activity",
        this.activitySlots,
        this.activitySignal,
        watchTimers: false,
        async (count, ct) =>
        {
            IReadOnlyList<ActivityWorkItem> items = await this.Store.LockNextActivitiesAsync(count, ct).ConfigureAwait(false);
            foreach (ActivityWorkItem item in items)
            {
                this.runningActivities[item.SequenceNumber] = item;
            }

            return items;
        },
        this.RunActivityAsync,
        onIdle: null,
        stoppingToken);

    /// <summary>Runs one claimed item on the thread pool; its slot is released when it ends.</summary>
    private void Start<TItem>(TItem item, Func<TItem, Task> run, SemaphoreSlim slots)
    {
        bool isActivity = typeof(TItem) == typeof(ActivityWorkItem);
        DurableTelemetry.TrackRunning(isActivity, 1);
        this.Track(Task.Run(
            async () =>
            {
                try
                {
                    await run(item).ConfigureAwait(false);
                }
                finally
                {
                    DurableTelemetry.TrackRunning(isActivity, -1);
                    slots.Release();
                }
            },
            CancellationToken.None));
    }

    /// <summary>One dispatcher: claims work in batches up to its free slots and runs each item on the thread pool.</summary>
    private async Task DispatchAsync<TItem>(
        string kind,
        SemaphoreSlim slots,
        WorkSignal signal,
        bool watchTimers,
        Func<int, CancellationToken, Task<IReadOnlyList<TItem>>> claim,
        Func<TItem, Task> run,
        Action? onIdle,
        CancellationToken stoppingToken)
    {
        TimeSpan backoff = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int free = await TakeSlotsAsync(slots, stoppingToken).ConfigureAwait(false);
                signal.Reset();
                IReadOnlyList<TItem> items = await claim(free, stoppingToken).ConfigureAwait(false);
                ReleaseUnused(slots, free - items.Count);
                foreach (TItem item in items)
                {
                    this.Start(item, run, slots);
                }

                if (items.Count > 0)
                {
                    // A full batch suggests more is waiting; a partial one means the store is drained until new work
                    // is signalled (in this process) or found by the next poll (from another process).
                    backoff = MinimumPollingInterval;
                    if (items.Count == free)
                    {
                        continue;
                    }
                }
                else
                {
                    onIdle?.Invoke();
                }

                backoff = await this.IdleAsync(signal, backoff, watchTimers, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.DispatcherError(this.logger, kind, ex);
                backoff = await this.IdleAsync(signal, this.options.MaxPollingInterval, watchTimers: false, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static void ReleaseUnused(SemaphoreSlim slots, int count)
    {
        if (count > 0)
        {
            slots.Release(count);
        }
    }

    private static async Task<int> TakeSlotsAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        int taken = 1;
        while (slots.Wait(0, CancellationToken.None))
        {
            taken++;
        }

        return taken;
    }

    /// <summary>Waits for in-process work, the poll interval, or (for orchestrations) the next timer on the injected clock.</summary>
    private async Task<TimeSpan> IdleAsync(WorkSignal signal, TimeSpan backoff, bool watchTimers, CancellationToken stoppingToken)
    {
        using var wakeCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var waits = new List<Task> { signal.WaitAsync(), Task.Delay(backoff, wakeCts.Token) };
        if (watchTimers && backoff >= TimeSpan.FromMilliseconds(40))
        {
            DateTimeOffset? next = await this.Store.GetNextWakeTimeAsync(stoppingToken).ConfigureAwait(false);
            if (next is { } due)
            {
                TimeSpan wait = due - this.clock.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    return TimeSpan.FromMilliseconds(1);
                }

                waits.Add(Task.Delay(wait, this.clock, wakeCts.Token));
            }
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        await wakeCts.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        return TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, this.options.MaxPollingInterval.Ticks));
    }

    private async Task RunEpisodeAsync(OrchestrationWorkItem item)
    {
        OrchestrationExecutor? executor = this.sessions.TryTake(item.InstanceId, item.ExecutionId, item.LastEpisodeId);
        string episodeId = Guid.NewGuid().ToString("N");
        if (executor is not null && executor.HistoryCount > item.HistoryLength)
        {
            executor = null;
        }

        long startTimestamp = Stopwatch.GetTimestamp();
        Activity? span = DurableTelemetry.StartEpisode(item.Name, item.InstanceId);
        EpisodeResult? committed = null;
        int reservedSlots = 0;
        try
        {
            int from = executor?.HistoryCount ?? 0;
            IReadOnlyList<HistoryEvent> past = from >= item.HistoryLength
                ? []
                : await this.Store.ReadHistoryAsync(item.InstanceId, from, CancellationToken.None).ConfigureAwait(false);
            executor ??= this.CreateExecutor(item);

            var newEvents = new List<HistoryEvent>(item.Messages.Count + 1)
            {
                new() { EventType = HistoryEventType.OrchestratorStarted, Timestamp = this.clock.GetUtcNow().UtcDateTime },
            };
            newEvents.AddRange(item.Messages.Select(m => m.Event));
            EpisodeResult result = executor.RunEpisode(past, newEvents);
            OrchestrationCheckpoint checkpoint = this.BuildCheckpoint(item, executor, result, episodeId);

            // Kept before the commit: the instance may be claimed again the moment the commit releases it.
            if (executor.IsReusable)
            {
                this.sessions.Put(item.InstanceId, item.ExecutionId, episodeId, executor);
            }

            // Activities this episode schedules run here at once if slots are free: the commit claims them for this
            // worker, saving a claim round trip per activity.
            while (reservedSlots < checkpoint.NewActivities.Count && this.activitySlots.Wait(0, CancellationToken.None))
            {
                reservedSlots++;
            }

            IReadOnlyList<ActivityWorkItem> claimed = await this.Store.CompleteOrchestrationAsync(
                item,
                checkpoint with { ClaimActivities = reservedSlots },
                CancellationToken.None).ConfigureAwait(false);
            ReleaseUnused(this.activitySlots, reservedSlots - claimed.Count);
            reservedSlots = 0;
            foreach (ActivityWorkItem activity in claimed)
            {
                this.runningActivities[activity.SequenceNumber] = activity;
                this.Start(activity, this.RunActivityAsync, this.activitySlots);
            }

            committed = result;
            if (result.IsFinished && result.ContinueAsNew is null)
            {
                Log.OrchestrationFinished(this.logger, item.Name, item.InstanceId, result.RuntimeStatus);
            }

        }
        catch (LockLostException ex)
        {
            ReleaseUnused(this.activitySlots, reservedSlots);
            this.sessions.Remove(item.InstanceId, episodeId);
            Log.EpisodeDiscarded(this.logger, item.InstanceId, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReleaseUnused(this.activitySlots, reservedSlots);
            this.sessions.Remove(item.InstanceId, episodeId);
            Log.EpisodeError(this.logger, item.InstanceId, ex);
            try
            {
                await this.Store.AbandonOrchestrationAsync(item, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abandonError) when (abandonError is not OutOfMemoryException)
            {
                Log.DispatcherError(this.logger, "orchestration", abandonError);
            }
        }
        finally
        {
            DurableTelemetry.EpisodeEnded(
                span,
                item.Name,
                started: committed is not null && item.HistoryLength == 0,
                committed?.RuntimeStatus,
                finished: committed is { IsFinished: true, ContinueAsNew: null },
                startTimestamp);
            span?.Dispose();
        }
    }

    private OrchestrationExecutor CreateExecutor(OrchestrationWorkItem item)
    {
        ITaskOrchestrator? orchestrator = null;
        string? missing = null;
        if (this.orchestrators.TryGetValue(item.Name, out Func<IServiceProvider, ITaskOrchestrator>? factory))
        {
            try
            {
                orchestrator = factory(this.services);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                missing = $"The orchestrator '{item.Name}' could not be created: {ex.Message}";
            }
        }
        else
        {
            missing = $"No orchestrator named '{item.Name}' is registered with this worker. Registered orchestrators: " +
                (this.orchestrators.Count == 0 ? "(none)" : string.Join(", ", this.orchestrators.Keys.Select(k => k.Name).Order(StringComparer.OrdinalIgnoreCase))) + ".";
        }

        return new OrchestrationExecutor(item.InstanceId, item.Name, orchestrator, missing, this.options.DataConverter, this.loggerFactory);
    }

    private OrchestrationCheckpoint BuildCheckpoint(OrchestrationWorkItem item, OrchestrationExecutor executor, EpisodeResult result, string episodeId)
    {
        DateTime now = this.clock.GetUtcNow().UtcDateTime;
        var activityRequests = new List<ActivityRequest>();
        var messages = new List<OutgoingMessage>();
        var children = new List<SubOrchestrationRequest>();
        foreach (HistoryEvent action in result.NewActions)
        {
            switch (action.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    activityRequests.Add(new ActivityRequest(action.EventId, action.Name!, action.Version, action.Input));
                    break;
                case HistoryEventType.TimerCreated:
                    DateTime fireAt = action.FireAt!.Value;
                    messages.Add(new OutgoingMessage(
                        item.InstanceId,
                        new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = action.EventId, FireAt = fireAt, Timestamp = fireAt },
                        new DateTimeOffset(fireAt, TimeSpan.Zero),
                        item.ExecutionId));
                    break;
                case HistoryEventType.EventSent:
                    messages.Add(new OutgoingMessage(
                        action.InstanceId!,
                        new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = action.Name, Input = action.Input, Timestamp = now }));
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated:
                    children.Add(new SubOrchestrationRequest(
                        new NewOrchestrationInstance
                        {
                            InstanceId = action.InstanceId!,
                            Name = action.Name!,
                            Version = action.Version,
                            Input = action.Input,
                            ExecutionStarted = new HistoryEvent
                            {
                                EventType = HistoryEventType.ExecutionStarted,
                                Name = action.Name,
                                Version = action.Version,
                                Input = action.Input,
                                ExecutionId = Guid.NewGuid().ToString("N"),
                                Timestamp = now,
                                ParentInstance = new ParentInstanceInfo(item.Name, item.InstanceId, item.ExecutionId, action.EventId),
                            },
                        },
                        action.EventId));
                    break;
                default:
                    break;
            }
        }

        foreach (string child in result.ChildrenToTerminate)
        {
            messages.Add(new OutgoingMessage(
                child,
                new HistoryEvent { EventType = HistoryEventType.ExecutionTerminated, Input = result.Completion?.Result, Recursive = true, Timestamp = now }));
        }

        HistoryEvent? completion = result.Completion;
        if (completion is not null && result.ContinueAsNew is null && executor.ParentInfo is { } parent)
        {
            messages.Add(new OutgoingMessage(parent.InstanceId, ToParentResult(completion, parent, item.InstanceId, now), null, parent.ExecutionId));
        }

        NewExecution? next = null;
        if (result.ContinueAsNew is { } continueAsNew)
        {
            string executionId = Guid.NewGuid().ToString("N");
            var first = new List<HistoryEvent>
            {
                new()
                {
                    EventType = HistoryEventType.ExecutionStarted,
                    Name = item.Name,
                    Version = continueAsNew.NewVersion ?? executor.Version,
                    Input = continueAsNew.NewInput,
                    ExecutionId = executionId,
                    Timestamp = now,
                    ParentInstance = executor.ParentInfo,
                },
            };
            first.AddRange(result.CarriedEvents);
            next = new NewExecution(executionId, continueAsNew.NewInput, first);
        }

        return new OrchestrationCheckpoint
        {
            EpisodeId = episodeId,
            ConsumedMessages = item.Messages.Select(m => m.SequenceNumber).ToList(),
            NewHistory = result.NewHistory,
            RuntimeStatus = result.RuntimeStatus,
            CustomStatus = result.CustomStatus,
            Output = completion?.OrchestrationStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated ? completion.Result : null,
            FailureDetails = completion?.FailureDetails,
            NewActivities = activityRequests,
            NewMessages = messages,
            NewSubOrchestrations = children,
            ContinueAsNew = next,
        };
    }

    private static HistoryEvent ToParentResult(HistoryEvent completion, ParentInstanceInfo parent, string childId, DateTime now)
    {
        if (completion.OrchestrationStatus == OrchestrationRuntimeStatus.Completed)
        {
            return new HistoryEvent
            {
                EventType = HistoryEventType.SubOrchestrationInstanceCompleted,
                TaskScheduledId = parent.TaskScheduledId,
                Result = completion.Result,
                Timestamp = now,
            };
        }

        TaskFailureDetails details = completion.FailureDetails ?? new TaskFailureDetails(
            "Workflows.Durable.OrchestrationTerminatedException",
            $"Sub-orchestration '{childId}' was terminated." + (completion.Result is null ? string.Empty : $" Reason: {completion.Result}"),
            null,
            null, null);
        return new HistoryEvent
        {
            EventType = HistoryEventType.SubOrchestrationInstanceFailed,
            TaskScheduledId = parent.TaskScheduledId,
            FailureDetails = details,
            Timestamp = now,
        };
    }

    private async Task RunActivityAsync(ActivityWorkItem item)
    {
        HistoryEvent result;
        long startTimestamp = Stopwatch.GetTimestamp();
        using Activity? span = DurableTelemetry.StartActivity(item.Name, item.InstanceId, item.TaskId);
        try
        {
            if (!this.activities.TryGetValue(item.Name, out Func<IServiceProvider, ITaskActivity>? factory))
            {
                throw new InvalidOperationException(
                    $"No activity named '{item.Name}' is registered with this worker. Registered activities: " +
                    (this.activities.Count == 0 ? "(none)" : string.Join(", ", this.activities.Keys.Select(k => k.Name).Order(StringComparer.OrdinalIgnoreCase))) + ".");
            }

            AsyncServiceScope scope = this.services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                ITaskActivity activity = factory(scope.ServiceProvider);
                object? input;
                try
                {
                    input = this.options.DataConverter.Deserialize(item.Input, activity.InputType);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new InvalidOperationException($"The input of activity '{item.Name}' could not be read as {activity.InputType.Name}: {ex.Message}", ex);
                }

                object? output = await activity.RunAsync(new WorkerActivityContext(item.Name, item.InstanceId, item.TaskId, item.Version), input).ConfigureAwait(false);
                result = new HistoryEvent
                {
                    EventType = HistoryEventType.TaskCompleted,
                    TaskScheduledId = item.TaskId,
                    Result = this.options.DataConverter.Serialize(output),
                    Timestamp = this.clock.GetUtcNow().UtcDateTime,
                };
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            TaskFailureDetails details = TaskFailureDetails.FromException(ex);
            if (this.logger.IsEnabled(LogLevel.Warning))
            {
                Log.ActivityFailed(this.logger, item.Name, item.TaskId, item.InstanceId, details.ErrorType, details.ErrorMessage);
            }
            result = new HistoryEvent
            {
                EventType = HistoryEventType.TaskFailed,
                TaskScheduledId = item.TaskId,
                FailureDetails = details,
                Timestamp = this.clock.GetUtcNow().UtcDateTime,
            };
        }

        DurableTelemetry.ActivityEnded(span, item.Name, result.EventType == HistoryEventType.TaskCompleted, startTimestamp);
        this.activityResults.Writer.TryWrite((item, result));
    }

    private async Task CommitActivityResultsAsync(CancellationToken cancellationToken)
    {
        var batch = new List<(ActivityWorkItem Item, HistoryEvent Result)>();
        ChannelReader<(ActivityWorkItem Item, HistoryEvent Result)> reader = this.activityResults.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < 500 && reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                await this.CommitBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task CommitBatchAsync(List<(ActivityWorkItem Item, HistoryEvent Result)> batch, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                IReadOnlyList<bool> accepted = await this.Store.CompleteActivitiesAsync(batch, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < batch.Count; i++)
                {
                    this.runningActivities.TryRemove(batch[i].Item.SequenceNumber, out _);
                    if (!accepted[i])
                    {
                        Log.ActivityResultRejected(this.logger, batch[i].Item.Name, batch[i].Item.TaskId, batch[i].Item.InstanceId);
                    }
                }

                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                Log.DispatcherError(this.logger, "activity result", ex);
                if (attempt >= 5)
                {
                    // Stop renewing these locks: they lapse and the activities run again, here or on another worker.
                    foreach ((ActivityWorkItem item, _) in batch)
                    {
                        this.runningActivities.TryRemove(item.SequenceNumber, out _);
                    }

                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SampleBacklogLoopAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = this.options.BacklogSampleInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                DurableTelemetry.RecordBacklog(await this.Store.GetBacklogAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.DispatcherError(this.logger, "backlog sampling", ex);
            }

            try
            {
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RenewLocksLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(this.options.LockRenewalInterval, stoppingToken).ConfigureAwait(false);
                ActivityWorkItem[] running = this.runningActivities.Values.ToArray();
                if (running.Length > 0)
                {
                    await this.Store.RenewActivityLocksAsync(running, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.DispatcherError(this.logger, "lock renewal", ex);
            }
        }
    }
}
