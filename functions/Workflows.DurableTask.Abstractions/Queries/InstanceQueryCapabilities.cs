namespace Workflows.DurableTask.Queries;

/// <summary>What an <see cref="IInstanceQueryPort"/> can do; the dashboard says plainly what is missing.</summary>
[Flags]
public enum InstanceQueryCapabilities
{
    /// <summary>Nothing beyond the SDK's query.</summary>
    None = 0,

    /// <summary>Orders by creation time, both ways.</summary>
    OrderByCreatedTime = 1,

    /// <summary>Orders by last update, both ways.</summary>
    OrderByLastUpdatedTime = 2,

    /// <summary>Orders by instance id, both ways.</summary>
    OrderByInstanceId = 4,

    /// <summary>Orders by orchestrator name, both ways.</summary>
    OrderByName = 8,

    /// <summary>Filters by orchestrator name.</summary>
    NameFilter = 16,

    /// <summary>Filters by custom-status text.</summary>
    CustomStatusFilter = 32,

    /// <summary>Counts instances by status.</summary>
    CountByStatus = 64,

    /// <summary>Reports the backlog.</summary>
    Backlog = 128,

    /// <summary>Everything.</summary>
    All = OrderByCreatedTime | OrderByLastUpdatedTime | OrderByInstanceId | OrderByName | NameFilter | CustomStatusFilter | CountByStatus | Backlog,
}
