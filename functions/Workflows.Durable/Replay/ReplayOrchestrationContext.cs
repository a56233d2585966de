using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Workflows.Durable.Replay;

/// <summary>The context an orchestrator runs against: it records the actions the code takes and matches them with history.</summary>
/// <remarks>Single-threaded by design: every member is called on the thread that drives the episode.</remarks>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private static readonly Guid NewGuidNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    private readonly DataConverter converter;
    private readonly ILoggerFactory loggerFactory;
    private readonly Dictionary<int, OpenTask> openTasks = new();
    private readonly SortedDictionary<int, HistoryEvent> pendingActions = new();
    private readonly Dictionary<string, LinkedList<EventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> bufferedEventOrder = new();
    private readonly List<HistoryEvent> waitNotes = new();
    private int sequence;
    private int guidCounter;
    private string? serializedInput;

    public ReplayOrchestrationContext(string instanceId, TaskName name, DataConverter converter, ILoggerFactory loggerFactory)
    {
        this.InstanceId = instanceId;
        this.Name = name;
        this.converter = converter;
        this.loggerFactory = loggerFactory;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override ParentOrchestrationInstance? Parent => this.ParentInfo is null
        ? null
        : new ParentOrchestrationInstance(this.ParentInfo.Name, this.ParentInfo.InstanceId);

    public override DateTime CurrentUtcDateTime => this.CurrentTime;

    public override bool IsReplaying => this.Replaying;

    public override string Version => this.OrchestrationVersion ?? string.Empty;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal string? OrchestrationVersion { get; set; }

    internal ParentInstanceInfo? ParentInfo { get; set; }

    internal string? SerializedCustomStatus { get; private set; }

    internal bool CustomStatusChanged { get; set; }

    internal ContinueAsNewRequest? ContinueAsNewRequested { get; private set; }

    /// <summary>Open activities, sub-orchestrations and uncancelled timers.</summary>
    internal int OpenTaskCount => this.openTasks.Count;

    /// <summary>Whether the code waits on anything durable: an open task or an external event.</summary>
    internal bool HasDurableWaits => this.openTasks.Count > 0 || this.waiters.Values.Any(w => w.Count > 0);

    protected override ILoggerFactory LoggerFactory => this.loggerFactory;

    internal void SetInput(string? input) => this.serializedInput = input;

    public override T? GetInput<T>()
        where T : default => this.serializedInput is null ? default : this.converter.Deserialize<T>(this.serializedInput);

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException("The input is a TaskOptions; pass options through the 'options' parameter.", nameof(input));
        }

        if (name == default)
        {
            throw new ArgumentException("An activity name is required.", nameof(name));
        }

        string? serialized = this.converter.Serialize(input);
        return await this.WithRetries(
            options?.Retry,
            () => this.ScheduleTask<TResult>(
                new HistoryEvent
                {
                    EventType = HistoryEventType.TaskScheduled,
                    Name = name.Name,
                    Version = options?.Version?.Version,
                    Input = serialized,
                    Tags = options?.Tags is null ? null : new Dictionary<string, string>(options.Tags),
                },
                name.Name)).ConfigureAwait(true);
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException("The input is a TaskOptions; pass options through the 'options' parameter.", nameof(input));
        }

        if (orchestratorName == default)
        {
            throw new ArgumentException("An orchestrator name is required.", nameof(orchestratorName));
        }

        string? serialized = this.converter.Serialize(input);
        string? explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        return await this.WithRetries(
            options?.Retry,
            () =>
            {
                // Each attempt gets its own deterministic id unless the caller fixed one.
                string childId = explicitId ?? this.NewGuid().ToString("N");
                return this.ScheduleTask<TResult>(
                    new HistoryEvent
                    {
                        EventType = HistoryEventType.SubOrchestrationInstanceCreated,
                        Name = orchestratorName.Name,
                        Version = options?.Version?.Version,
                        Input = serialized,
                        InstanceId = childId,
                    },
                    orchestratorName.Name);
            }).ConfigureAwait(true);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        DateTime fireAtUtc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        int id = this.sequence++;
        this.AddAction(new HistoryEvent { EventType = HistoryEventType.TimerCreated, EventId = id, FireAt = fireAtUtc, Timestamp = this.CurrentTime });
        var tcs = new TaskCompletionSource();
        CancellationTokenRegistration registration = default;
        this.openTasks[id] = new OpenTask("timer", e =>
        {
            registration.Dispose();
            tcs.TrySetResult();
        });
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.Register(() =>
            {
                // A cancelled timer stops holding the instance open; its later TimerFired is ignored.
                if (this.openTasks.Remove(id))
                {
                    tcs.TrySetCanceled(cancellationToken);
                }
            });
        }

        return tcs.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (this.bufferedEvents.TryGetValue(eventName, out Queue<string?>? queue) && queue.Count > 0)
        {
            string? payload = queue.Dequeue();
            this.RemoveFromBufferOrder(eventName);
            try
            {
                return Task.FromResult(this.converter.Deserialize<T>(payload)!);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return Task.FromException<T>(new InvalidOperationException($"The payload of event '{eventName}' could not be read as {typeof(T).Name}: {ex.Message}", ex));
            }
        }

        if (!this.Replaying)
        {
            this.waitNotes.Add(new HistoryEvent { EventType = HistoryEventType.EventWaitStarted, Name = eventName, Timestamp = this.CurrentTime });
        }

        var tcs = new TaskCompletionSource<T>();
        if (!this.waiters.TryGetValue(eventName, out LinkedList<EventWaiter>? list))
        {
            list = new LinkedList<EventWaiter>();
            this.waiters[eventName] = list;
        }

        LinkedListNode<EventWaiter>? node = null;
        CancellationTokenRegistration registration = default;
        node = list.AddLast(new EventWaiter(payload =>
        {
            registration.Dispose();
            try
            {
                tcs.TrySetResult(this.converter.Deserialize<T>(payload)!);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                tcs.TrySetException(new InvalidOperationException($"The payload of event '{eventName}' could not be read as {typeof(T).Name}: {ex.Message}", ex));
            }
        }));
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    tcs.TrySetCanceled(cancellationToken);
                }
            });
        }

        return tcs.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        int id = this.sequence++;
        this.AddAction(new HistoryEvent
        {
            EventType = HistoryEventType.EventSent,
            EventId = id,
            Timestamp = this.CurrentTime,
            Name = eventName,
            InstanceId = instanceId,
            Input = this.converter.Serialize(payload),
        });
    }

    public override void SetCustomStatus(object? customStatus)
    {
        this.SerializedCustomStatus = this.converter.Serialize(customStatus);
        this.CustomStatusChanged = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        this.ContinueAsNewRequested = new ContinueAsNewRequest(this.converter.Serialize(newInput), preserveUnprocessedEvents, null);

    public override void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.ContinueAsNewRequested = new ContinueAsNewRequest(this.converter.Serialize(options.NewInput), options.PreserveUnprocessedEvents, options.NewVersion);
    }

    public override Guid NewGuid()
    {
        string name = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{this.InstanceId}_{this.CurrentUtcDateTime:o}_{this.guidCounter++}");
        Span<byte> namespaceBytes = stackalloc byte[16];
        NewGuidNamespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] data = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(data);
        nameBytes.CopyTo(data, 16);
#pragma warning disable CA5350 // UUID version 5 is defined on SHA-1; this is an identifier, not a security use.
        byte[] hash = SHA1.HashData(data);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Matches a scheduling event from history with the action the code took under the same id.</summary>
    internal void ConfirmAction(HistoryEvent recorded)
    {
        if (!this.pendingActions.Remove(recorded.EventId, out HistoryEvent? action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator: the history records {Describe(recorded)} as task #{recorded.EventId}, " +
                "but the replayed code has not scheduled it. Orchestrator code must not change while instances are in flight, " +
                "and must take the same decisions on every replay.");
        }

        if (action.EventType != recorded.EventType ||
            !string.Equals(action.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator: the history records {Describe(recorded)} as task #{recorded.EventId}, " +
                $"but the replayed code scheduled {Describe(action)} instead.");
        }
    }

    /// <summary>Delivers a completion (task, sub-orchestration, timer) to the code that awaits it.</summary>
    internal void CompleteTask(HistoryEvent completion)
    {
        // A completion with no open task is a duplicate or belongs to a cancelled timer: ignored, as in the Durable Task Framework.
        if (this.openTasks.Remove(completion.TaskScheduledId, out OpenTask? open))
        {
            open.Complete(completion);
        }
    }

    /// <summary>Delivers an external event to the oldest waiter of that name, or buffers it.</summary>
    internal void DeliverEvent(HistoryEvent raised)
    {
        string name = raised.Name ?? string.Empty;
        if (this.waiters.TryGetValue(name, out LinkedList<EventWaiter>? list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Deliver(raised.Input);
            return;
        }

        if (!this.bufferedEvents.TryGetValue(name, out Queue<string?>? queue))
        {
            queue = new Queue<string?>();
            this.bufferedEvents[name] = queue;
        }

        queue.Enqueue(raised.Input);
        this.bufferedEventOrder.Add(raised);
    }

    /// <summary>Events received but never consumed, in arrival order, for a ContinueAsNew that preserves them.</summary>
    internal IReadOnlyList<HistoryEvent> UnconsumedEvents => this.bufferedEventOrder;

    /// <summary>Takes the actions the code scheduled that history does not record yet; they become this episode's new work.</summary>
    /// <summary>The waits for external events that started in this episode, as history to append; clears them.</summary>
    internal List<HistoryEvent> TakeWaitNotes()
    {
        var notes = new List<HistoryEvent>(this.waitNotes);
        this.waitNotes.Clear();
        return notes;
    }

    internal List<HistoryEvent> TakeNewActions()
    {
        var actions = new List<HistoryEvent>(this.pendingActions.Values);
        this.pendingActions.Clear();
        return actions;
    }

    private static string Describe(HistoryEvent e) => e.EventType switch
    {
        HistoryEventType.TaskScheduled => $"a call to activity '{e.Name}'",
        HistoryEventType.SubOrchestrationInstanceCreated => $"a call to sub-orchestrator '{e.Name}'",
        HistoryEventType.TimerCreated => "a durable timer",
        HistoryEventType.EventSent => $"sending event '{e.Name}' to instance '{e.InstanceId}'",
        _ => e.EventType.ToString(),
    };

    private void RemoveFromBufferOrder(string eventName)
    {
        int index = this.bufferedEventOrder.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            this.bufferedEventOrder.RemoveAt(index);
        }
    }

    private void AddAction(HistoryEvent action) => this.pendingActions[action.EventId] = action;

    private Task<TResult> ScheduleTask<TResult>(HistoryEvent template, string name)
    {
        int id = this.sequence++;
        var action = new HistoryEvent
        {
            EventType = template.EventType,
            EventId = id,
            Timestamp = this.CurrentTime,
            Name = template.Name,
            Version = template.Version,
            Input = template.Input,
            InstanceId = template.InstanceId,
            Tags = template.Tags,
        };
        this.AddAction(action);
        var tcs = new TaskCompletionSource<TResult>();
        this.openTasks[id] = new OpenTask(name, e =>
        {
            if (e.EventType is HistoryEventType.TaskCompleted or HistoryEventType.SubOrchestrationInstanceCompleted)
            {
                try
                {
                    tcs.TrySetResult(e.Result is null ? default! : this.converter.Deserialize<TResult>(e.Result)!);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    tcs.TrySetException(new TaskFailedException(name, id, ex));
                }
            }
            else
            {
                TaskFailureDetails details = e.FailureDetails
                    ?? new TaskFailureDetails(typeof(Exception).FullName!, "The task failed without details.", null, null, null);
                tcs.TrySetException(new TaskFailedException(name, id, details));
            }
        });
        return tcs.Task;
    }

    private async Task<TResult> WithRetries<TResult>(TaskRetryOptions? retry, Func<Task<TResult>> attempt)
    {
        if (retry is null)
        {
            return await attempt().ConfigureAwait(true);
        }

        DateTime firstAttemptAt = this.CurrentUtcDateTime;
        for (int attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt().ConfigureAwait(true);
            }
            catch (TaskFailedException failure)
            {
                if (failure.FailureDetails.IsNonRetriable)
                {
                    throw;
                }

                if (retry.Policy is { } policy)
                {
                    if (attemptNumber >= policy.MaxNumberOfAttempts || !policy.HandleFailure(failure.FailureDetails))
                    {
                        throw;
                    }

                    TimeSpan delay = policy.GetDelay(attemptNumber - 1);
                    if (policy.RetryTimeout != Timeout.InfiniteTimeSpan &&
                        this.CurrentUtcDateTime + delay > firstAttemptAt + policy.RetryTimeout)
                    {
                        throw;
                    }

                    await this.CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
                }
                else if (retry.Handler is { } handler)
                {
                    var context = new RetryContext(this, attemptNumber, failure.FailureDetails, this.CurrentUtcDateTime - firstAttemptAt, CancellationToken.None);
                    if (!await handler(context).ConfigureAwait(true))
                    {
                        throw;
                    }
                }
                else
                {
                    throw;
                }
            }
        }
    }

    private sealed record OpenTask(string Name, Action<HistoryEvent> Complete);

    private sealed record EventWaiter(Action<string?> Deliver);
}
