namespace Workflows.DurableTask.Queries;

/// <summary>What a query over instances is ordered by; ties are broken by instance id, so paging with continuation tokens
/// never skips or repeats an instance.</summary>
public enum InstanceOrderBy
{
    /// <summary>When the instance was created (the default).</summary>
    CreatedTime = 0,

    /// <summary>When the instance last changed.</summary>
    LastUpdatedTime = 1,

    /// <summary>The instance id.</summary>
    InstanceId = 2,

    /// <summary>The orchestrator's name (case-insensitive), then the creation time.</summary>
    Name = 3,
}
