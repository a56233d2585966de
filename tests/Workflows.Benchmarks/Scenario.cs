namespace Workflows.Benchmarks;

/// <summary>The scenarios a run can select with <c>--only</c>.</summary>
[Flags]
internal enum Scenario
{
    None = 0,
    Sqlite = 1,
    Hello = 2,
    Sequential = 4,
    FanOut = 8,
    Events = 16,
    Idle = 32,
    Dashboard = 64,
    Engine = Hello | Sequential | FanOut | Events | Idle,
    All = Sqlite | Engine | Dashboard,
}
