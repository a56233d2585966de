namespace Workflows.Benchmarks.Profiling;

/// <summary>Counts and times of one store operation.</summary>
internal sealed class StoreOperationStats
{
    private readonly object gate = new();

    public StoreOperationStats(string name, bool isWrite)
    {
        this.Name = name;
        this.IsWrite = isWrite;
    }

    public string Name { get; }

    /// <summary>Whether the operation writes (the SQLite store runs all writes of a process on its one writer connection).</summary>
    public bool IsWrite { get; }

    public long Calls { get; private set; }

    public long Items { get; private set; }

    public double TotalMs { get; private set; }

    public double MaxMs { get; private set; }

    public void Record(double ms, int items)
    {
        lock (this.gate)
        {
            this.Calls++;
            this.Items += items;
            this.TotalMs += ms;
            this.MaxMs = Math.Max(this.MaxMs, ms);
        }
    }

    public void Reset()
    {
        lock (this.gate)
        {
            this.Calls = 0;
            this.Items = 0;
            this.TotalMs = 0;
            this.MaxMs = 0;
        }
    }
}
