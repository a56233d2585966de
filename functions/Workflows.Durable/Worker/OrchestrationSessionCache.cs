using Workflows.Durable.Replay;

namespace Workflows.Durable.Worker;

/// <summary>Keeps the executors of recently active orchestrations between episodes, bounded in count and idle time.</summary>
/// <remarks>An executor is taken out while its instance runs an episode and put back, under the id of the episode it just
/// ran, before that episode commits. It is used again only if the store reports that very episode as the last committed
/// one: a failed commit, or an episode committed by another worker, makes it stale and it is dropped.</remarks>
internal sealed class OrchestrationSessionCache
{
    private readonly object gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> order = new();
    private readonly int capacity;
    private readonly TimeSpan idleTimeout;
    private readonly TimeProvider clock = TimeProvider.System;

    public OrchestrationSessionCache(int capacity, TimeSpan idleTimeout)
    {
        this.capacity = capacity;
        this.idleTimeout = idleTimeout;
    }

    public int Count
    {
        get
        {
            lock (this.gate)
            {
                return this.entries.Count;
            }
        }
    }

    public OrchestrationExecutor? TryTake(string instanceId, string executionId, string? lastEpisodeId)
    {
        lock (this.gate)
        {
            if (!this.entries.Remove(instanceId, out LinkedListNode<Entry>? node))
            {
                return null;
            }

            this.order.Remove(node);
            return node.Value.ExecutionId == executionId && node.Value.EpisodeId == lastEpisodeId ? node.Value.Executor : null;
        }
    }

    public void Put(string instanceId, string executionId, string episodeId, OrchestrationExecutor executor)
    {
        if (this.capacity <= 0)
        {
            return;
        }

        lock (this.gate)
        {
            DateTimeOffset now = this.clock.GetUtcNow();
            if (this.entries.Remove(instanceId, out LinkedListNode<Entry>? previous))
            {
                this.order.Remove(previous);
            }

            var node = new LinkedListNode<Entry>(new Entry(instanceId, executionId, episodeId, executor, now));
            this.entries[instanceId] = node;
            this.order.AddLast(node);
            while (this.order.First is { } oldest &&
                (this.entries.Count > this.capacity || now - oldest.Value.LastUsed > this.idleTimeout))
            {
                this.order.RemoveFirst();
                this.entries.Remove(oldest.Value.InstanceId);
            }
        }
    }

    /// <summary>Drops sessions idle for longer than the timeout.</summary>
    public void Trim()
    {
        lock (this.gate)
        {
            DateTimeOffset now = this.clock.GetUtcNow();
            while (this.order.First is { } oldest && now - oldest.Value.LastUsed > this.idleTimeout)
            {
                this.order.RemoveFirst();
                this.entries.Remove(oldest.Value.InstanceId);
            }
        }
    }

    /// <summary>Drops the executor kept for an episode that did not commit.</summary>
    public void Remove(string instanceId, string episodeId)
    {
        lock (this.gate)
        {
            if (this.entries.TryGetValue(instanceId, out LinkedListNode<Entry>? node) && node.Value.EpisodeId == episodeId)
            {
                this.entries.Remove(instanceId);
                this.order.Remove(node);
            }
        }
    }

    private sealed record Entry(string InstanceId, string ExecutionId, string EpisodeId, OrchestrationExecutor Executor, DateTimeOffset LastUsed);
}
