namespace Workflows.Durable.Client;

/// <summary>What a purge deleted.</summary>
public class PurgeResult
{
    /// <summary>Creates a result.</summary>
    public PurgeResult(int count)
        : this(count, true)
    {
    }

    /// <summary>Creates a result.</summary>
    public PurgeResult(int count, bool? isComplete)
    {
        this.PurgedInstanceCount = count;
        this.IsComplete = isComplete;
    }

    /// <summary>The number of instances deleted.</summary>
    public int PurgedInstanceCount { get; }

    /// <summary>Whether everything that matched was deleted.</summary>
    public bool? IsComplete { get; }
}
