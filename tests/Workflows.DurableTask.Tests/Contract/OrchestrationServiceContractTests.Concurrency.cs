using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Workflows.DurableTask.Tests.Contract;

/// <summary>Two services on one store, like two processes: they share the work and never complete a work item twice.</summary>
public abstract partial class OrchestrationServiceContractTests
{
    [Fact]
    public virtual async Task Two_services_on_one_store_never_complete_the_same_work_item_twice()
    {
        const int Instances = 24;
        IOrchestrationService[] workers = [await this.CreateServiceAsync(ServiceProfile.Default), await this.CreateServiceAsync(ServiceProfile.Default)];
        var ids = new List<string>();
        for (int i = 0; i < Instances; i++)
        {
            ids.Add(await this.CreateAsync());
        }

        var activityCompletions = new ConcurrentBag<(string Instance, int Worker)>();
        var episodes = new ConcurrentBag<(string Instance, int Worker)>();
        using var stop = new CancellationTokenSource(Patience);
        int finished = 0;

        // As DurableTask.Core's dispatchers do: each worker polls orchestrations and activities in loops of their own,
        // canceled only when the work is done. A provider may wait for a work item until canceled (Azure Storage does),
        // and a receive canceled in flight can leave its message hidden until its visibility timeout.
        async Task OrchestrationsAsync(int index)
        {
            IOrchestrationService service = workers[index];
            while (!stop.IsCancellationRequested)
            {
                TaskOrchestrationWorkItem? item = await NextAsync(() => service.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, stop.Token));
                if (item is null)
                {
                    continue;
                }

                var episode = new Episode(item);
                bool started = item.NewMessages.Any(m => m.Event is ExecutionStartedEvent);
                bool answered = item.NewMessages.Any(m => m.Event is TaskCompletedEvent);
                if (started)
                {
                    episode.ScheduleActivity(0, "Work", $"\"{item.InstanceId}\"");
                }

                if (answered)
                {
                    episode.Complete("\"done\"");
                }

                await episode.CommitAsync(service);
                episodes.Add((item.InstanceId, index));
                if (answered && Interlocked.Increment(ref finished) == Instances)
                {
                    await stop.CancelAsync();
                }
            }
        }

        async Task ActivitiesAsync(int index)
        {
            IOrchestrationService service = workers[index];
            while (!stop.IsCancellationRequested)
            {
                TaskActivityWorkItem? activity = await NextAsync(() => service.LockNextTaskActivityWorkItem(ReceiveTimeout, stop.Token));
                if (activity is not null)
                {
                    await CompleteActivityAsync(service, activity, "\"ok\"");
                    activityCompletions.Add((activity.TaskMessage.OrchestrationInstance.InstanceId, index));
                }
            }
        }

        async Task<T?> NextAsync<T>(Func<Task<T>> lockNext)
            where T : class
        {
            try
            {
                return await lockNext();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
        }

        await Task.WhenAll(
            Task.Run(() => OrchestrationsAsync(0)),
            Task.Run(() => OrchestrationsAsync(1)),
            Task.Run(() => ActivitiesAsync(0)),
            Task.Run(() => ActivitiesAsync(1)));

        Assert.Equal(Instances, Volatile.Read(ref finished));
        Assert.Equal(ids.Order(StringComparer.Ordinal), activityCompletions.Select(c => c.Instance).Order(StringComparer.Ordinal));
        Assert.Equal(Instances * 2, episodes.Count);
        foreach (string id in ids)
        {
            Assert.Equal(OrchestrationStatus.Completed, (await this.Client.GetOrchestrationStateAsync(id, null)).OrchestrationStatus);
            IReadOnlyList<HistoryEvent> history = await this.HistoryAsync(id);
            Assert.Single(history, e => e.EventType == EventType.TaskScheduled);
            Assert.Single(history, e => e.EventType == EventType.TaskCompleted);
            Assert.Single(history, e => e.EventType == EventType.ExecutionCompleted);
        }
    }
}
