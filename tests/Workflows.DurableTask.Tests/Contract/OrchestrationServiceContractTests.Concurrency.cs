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

        async Task RunAsync(int index)
        {
            IOrchestrationService service = workers[index];
            while (Volatile.Read(ref finished) < Instances && !stop.IsCancellationRequested)
            {
                TaskOrchestrationWorkItem? item = await TryLockOrchestrationAsync(service, TimeSpan.FromMilliseconds(50));
                if (item is not null)
                {
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
                    if (answered)
                    {
                        Interlocked.Increment(ref finished);
                    }
                }

                TaskActivityWorkItem? activity = await TryLockActivityAsync(service, TimeSpan.FromMilliseconds(50));
                if (activity is not null)
                {
                    await CompleteActivityAsync(service, activity, "\"ok\"");
                    activityCompletions.Add((activity.TaskMessage.OrchestrationInstance.InstanceId, index));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => RunAsync(0)), Task.Run(() => RunAsync(1)));

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
