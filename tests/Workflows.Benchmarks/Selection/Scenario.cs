namespace Workflows.Benchmarks.Selection;

/// <summary>The scenarios a run can select with <c>--only</c>.</summary>
[Flags]
internal enum Scenario
{
    None = 0,

    /// <summary>Raw SQLite commits, the baseline every figure is also divided by.</summary>
    Baseline = 1,
    Hello = 2,
    Sequential = 4,
    FanOut = 8,
    Events = 16,
    Idle = 32,

    /// <summary>The query port's dashboard queries on many seeded instances (SQLite only).</summary>
    Dashboard = 64,

    /// <summary>Many instances waiting on approvals, against the empty store (SQLite only).</summary>
    Scale = 128,

    /// <summary>One, two and four worker processes on one store (SQLite only).</summary>
    Workers = 256,
    OnProviders = Hello | Sequential | FanOut | Events | Idle,
    All = Baseline | OnProviders | Dashboard | Scale | Workers,
}
