using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Monitoring;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>The task hub's queue lengths, read the way DurableTask.AzureStorage's own scale monitor reads them (its
/// queue names, its partition count from the task hub's metadata).</summary>
internal sealed class AzureStorageQueueLengths(AzureStorageOrchestrationServiceSettings settings) : DisconnectedPerformanceMonitor(settings)
{
    /// <summary>The control queues' summed length and the work-item queue's, as Azure Storage approximates them.</summary>
    public async Task<WorkBacklog> ReadAsync()
    {
        ControlQueueData control = await this.GetAggregateControlQueueLengthAsync().ConfigureAwait(false);
        WorkItemQueueData workItems = await this.GetWorkItemQueueStatusAsync().ConfigureAwait(false);
        return new WorkBacklog(control.AggregateQueueLength, workItems.QueueLength);
    }
}
