using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Creation;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Rewind;

namespace Workflows.DurableTask.Client;

/// <summary>The SDK's <see cref="DurableTaskClient"/> over a DurableTask.Core <see cref="IOrchestrationServiceClient"/>
/// in this process (Microsoft's client shim package is not available here). Queries need the service to implement
/// <see cref="global::DurableTask.Core.Query.IOrchestrationServiceQueryClient"/>, purges
/// <see cref="IOrchestrationServicePurgeClient"/> and rewind <see cref="IOrchestrationServiceRewindClient"/>; without them
/// those members throw <see cref="NotSupportedException"/>.</summary>
/// <remarks>Scheduling refuses an instance id held by a Pending, Running or Suspended instance with
/// <see cref="OrchestrationAlreadyExistsException"/> (unless <see cref="StartOrchestrationOptions.DedupeStatuses"/>
/// says otherwise), and replaces an instance that has finished.</remarks>
public sealed partial class OrchestrationServiceDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    private readonly IOrchestrationServiceClient client;
    private readonly IOrchestrationServiceRewindClient? rewind;
    private readonly DataConverter converter;
    private readonly ILogger logger;
    private readonly bool holdsMessagesUntilStarted;

    /// <summary>A client over <paramref name="client"/>.</summary>
    /// <param name="name">The client's name (the builder's).</param>
    /// <param name="client">The provider's client; usually the orchestration service itself.</param>
    /// <param name="dataConverter">Serializes inputs, outputs and events; JSON by default.</param>
    /// <param name="logger">Where the client logs; nowhere by default.</param>
    public OrchestrationServiceDurableTaskClient(string name, IOrchestrationServiceClient client, DataConverter? dataConverter = null, ILogger? logger = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.rewind = RewindClients.For(client);
        this.holdsMessagesUntilStarted = DiscardsMessagesBeforeStart(client);
        this.converter = dataConverter ?? Microsoft.DurableTask.Converters.JsonDataConverter.Default;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Made by the client builder: the orchestration service registered for <paramref name="name"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public OrchestrationServiceDurableTaskClient(string name, IServiceProvider services)
        : this(
            name,
            ClientOf(name, services),
            services.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(name).DataConverter,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<OrchestrationServiceDurableTaskClient>())
    {
    }

    /// <summary>The provider's client this client talks to.</summary>
    internal IOrchestrationServiceClient ServiceClient => this.client;

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        cancellation.ThrowIfCancellationRequested();
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, nameof(options));
        OrchestrationStatus[] refused = RefusedStatuses(options?.DedupeStatuses);
        if (this.client is not IOrchestrationServiceCreateClient || !RefusesEveryLiveStatus(refused))
        {
            // A live instance that may be replaced must be terminated first, and only a read finds one.
            await this.ClearForReuseAsync(instanceId, refused, cancellation);
        }

        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, this.converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags is { Count: > 0 } tags ? tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) : null,
        };
        await this.client.CreateTaskOrchestrationAsync(new TaskMessage { Event = started, OrchestrationInstance = instance }, refused);
        ClientLog.Scheduled(this.logger, orchestratorName.Name, instanceId, options?.StartAt);
        return instanceId;
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return this.SendAsync(instanceId, new EventRaisedEvent(-1, this.converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => this.SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
        => this.SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    /// <remarks>With <see cref="TerminateInstanceOptions.Recursive"/>, the sub-orchestrations it started that still run
    /// are terminated too, and theirs, with the same output.</remarks>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        IReadOnlyList<string> children = options?.Recursive == true
            ? await this.SubOrchestrationIdsAsync(instanceId, runningOnly: true, cancellation)
            : [];
        await this.client.ForceTerminateTaskOrchestrationAsync(instanceId, this.converter.Serialize(options?.Output));
        foreach (string child in children)
        {
            OrchestrationMetadata? state = await this.GetInstancesAsync(child, getInputsAndOutputs: false, cancellation);
            if (state is { IsCompleted: false })
            {
                await this.TerminateInstanceAsync(child, options, cancellation);
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => default;

    private static IOrchestrationServiceClient ClientOf(string name, IServiceProvider services)
    {
        IOrchestrationService service = services.GetRequiredKeyedService<OrchestrationServiceHandle>(name).Service;
        return service as IOrchestrationServiceClient
            ?? throw new InvalidOperationException($"{service.GetType().Name} does not implement IOrchestrationServiceClient, so no Durable Task client can use it.");
    }

    /// <summary>The statuses whose holder refuses a new instance with its id: those the caller names, else the live ones.</summary>
    private static OrchestrationStatus[] RefusedStatuses(IReadOnlyList<string>? dedupeStatuses)
    {
        if (dedupeStatuses is null)
        {
            return [.. RuntimeStatusConversion.Live.Select(s => s.ToCoreStatus())];
        }

        return [.. dedupeStatuses.Select(s => Enum.TryParse(s, ignoreCase: true, out OrchestrationRuntimeStatus status)
            ? status.ToCoreStatus()
            : throw new ArgumentException($"'{s}' is not an orchestration runtime status.", nameof(dedupeStatuses)))];
    }

    private static bool RefusesEveryLiveStatus(OrchestrationStatus[] refused) =>
        RuntimeStatusConversion.Live.All(s => refused.Contains(s.ToCoreStatus()));

    /// <summary>Refuses an id whose instance is in a refused status; a live instance whose status the caller allows to
    /// be replaced is terminated first (as the SDK's own clients do), and waited for.</summary>
    private async Task ClearForReuseAsync(string instanceId, OrchestrationStatus[] refused, CancellationToken cancellation)
    {
        OrchestrationState? existing = await this.GetStateAsync(instanceId);
        if (existing is null)
        {
            return;
        }

        if (refused.Contains(existing.OrchestrationStatus))
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with instance id '{instanceId}' already exists with status {existing.OrchestrationStatus.ToRuntimeStatus()}.");
        }

        if (RuntimeStatusConversion.Live.Contains(existing.OrchestrationStatus.ToRuntimeStatus()))
        {
            await this.client.ForceTerminateTaskOrchestrationAsync(instanceId, $"Replaced by a new instance with the same id '{instanceId}'.");
            await this.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellation);
        }
    }

    private async Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        if (this.holdsMessagesUntilStarted)
        {
            await this.WaitUntilNotPendingAsync(instanceId, cancellation);
        }

        await this.client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }

    private async Task<OrchestrationState?> GetStateAsync(string instanceId)
    {
        IList<OrchestrationState>? states = await this.client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault(s => s is not null);
    }
}
