using System.Globalization;
using DurableTask.AzureStorage;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>This service's defaults for DurableTask.AzureStorage, chosen for people waiting on a workflow rather than for
/// the lowest storage bill. DurableTask.AzureStorage's own (30 s idle polling, 5 min visibility) made an event raised on
/// an idle hub wait up to 25 s and a killed worker's instances wait about 5 min before another worker took them.</summary>
public static class AzureStorageDefaults
{
    /// <summary>The task hub's name unless configured (<c>hubName</c>).</summary>
    public const string TaskHubName = "Workflows";

    /// <summary>1 s (DurableTask.AzureStorage: 30 s). The longest an idle worker waits between queue polls, so the
    /// longest an event, a timer or a new instance waits on an idle hub. The cost: an idle worker makes about one queue
    /// request per second per owned partition and one for the work-item queue, which is cheap next to a person waiting;
    /// raise it (<c>storageProvider.maxQueuePollingInterval</c>) for hubs that are idle most of the time.</summary>
    public static readonly TimeSpan MaxQueuePollingInterval = TimeSpan.FromSeconds(1);

    /// <summary>30 s (DurableTask.AzureStorage: 5 min). How long a dequeued orchestration message stays hidden. When a
    /// worker dies, its partitions' messages come back after this (and its partition leases expire after their own
    /// 30 s), so another worker resumes its instances within about half a minute. A worker renews the visibility of the
    /// messages of the episodes it is running, so long episodes are not taken over; but messages buffered longer than this
    /// (a backlog beyond <c>controlQueueBufferThreshold</c>) reappear and are deduplicated, which costs a little work.</summary>
    public static readonly TimeSpan ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>1 min (DurableTask.AzureStorage: 5 min). How long a dequeued activity stays hidden: an activity whose worker
    /// died runs again (activities are at least once) after at most this. DurableTask.Core renews the lock of a running
    /// activity 30 s before it expires, so a minute gives one renewal every 30 s instead of one every 5 s that 30 s would
    /// cause, and activities that run longer than a minute are not run twice.</summary>
    public static readonly TimeSpan WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1);

    /// <summary>This process's worker id unless configured: <c>{MachineName}-{pid}</c>. The partition manager tells
    /// workers apart by it; DurableTask.AzureStorage's default, the machine name alone, made two processes on one machine
    /// look like one worker, each believing it owned the other's partitions.</summary>
    public static string WorkerId { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}");

    /// <summary>The log categories of DurableTask.AzureStorage. At Information it writes a line per queue message and
    /// lease renewal (over a thousand in a short run), so its categories default to <see cref="Microsoft.Extensions.Logging.LogLevel.Warning"/>;
    /// a <c>Logging:LogLevel:DurableTask.AzureStorage</c> setting overrides that.</summary>
    public const string LogCategory = "DurableTask.AzureStorage";

    /// <summary>Settings for <paramref name="connectionString"/> with this service's defaults.</summary>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return CreateSettings(new StorageAccountClientProvider(connectionString));
    }

    /// <summary>Settings for the storage clients of <paramref name="storage"/> with this service's defaults.</summary>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(StorageAccountClientProvider storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage,
            TaskHubName = TaskHubName,
            WorkerId = WorkerId,
            MaxQueuePollingInterval = MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,

            // DurableTask.AzureStorage's default (false) makes CreateTaskOrchestrationAsync return without creating
            // anything when the id's instance has one of the given dedupe statuses, so a schedule that lost a race to
            // another one with the same id would report success for an instance it never started.
            ThrowExceptionOnInvalidDedupeStatus = true,
        };
    }
}
