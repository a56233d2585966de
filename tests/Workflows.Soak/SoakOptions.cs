namespace Workflows.Soak;

/// <summary>What one soak run does.</summary>
/// <param name="Provider">The store.</param>
/// <param name="Hosts">How many host processes run at once.</param>
/// <param name="Orchestrations">How many synthetic orchestrations are started (their sub-orchestrations come on top).</param>
/// <param name="Proposals">How many governance proposals are started and decided through their emailed links.</param>
/// <param name="Kills">How many times a host process is SIGKILLed (and started again).</param>
/// <param name="Seed">The seed of every random choice: the workload, the decisions, the kill moments and victims.</param>
/// <param name="MinKillInterval">The shortest time between two kills.</param>
/// <param name="MaxKillInterval">The longest time between two kills.</param>
/// <param name="CompletionTimeout">How long, after the last kill, every instance has to finish.</param>
/// <param name="KeepData">Whether the run's folder (store, outbox, documents, host logs) is kept for investigation.</param>
public sealed record SoakOptions(
    SoakProvider Provider,
    int Hosts,
    int Orchestrations,
    int Proposals,
    int Kills,
    int Seed,
    TimeSpan MinKillInterval,
    TimeSpan MaxKillInterval,
    TimeSpan CompletionTimeout,
    bool KeepData)
{
    /// <summary>The default run: 3 hosts, 10,000 orchestrations, 100 proposals, 100 kills 2-6 s apart.</summary>
    public static SoakOptions Full(SoakProvider provider, int seed) =>
        new(provider, Hosts: 3, Orchestrations: 10_000, Proposals: 100, Kills: 100, seed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(15), KeepData: false);

    /// <summary>The short run of the test command: 2 hosts, 60 orchestrations, 3 proposals, 3 kills 2-4 s apart.</summary>
    public static SoakOptions Quick(SoakProvider provider, int seed) =>
        new(provider, Hosts: 2, Orchestrations: 60, Proposals: 3, Kills: 3, seed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(8), KeepData: false);

    /// <summary>The problems of these options, one line each; empty when they can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (this.Hosts is < 1 or > 16)
        {
            problems.Add("--hosts must be 1 to 16.");
        }

        if (this.Orchestrations is < 0 or > 1_000_000)
        {
            problems.Add("--orchestrations must be 0 to 1,000,000.");
        }

        if (this.Proposals is < 0 or > 10_000)
        {
            problems.Add("--proposals must be 0 to 10,000.");
        }

        if (this.Orchestrations + this.Proposals == 0)
        {
            problems.Add("There must be at least one orchestration or proposal.");
        }

        if (this.Kills is < 0 or > 100_000)
        {
            problems.Add("--kills must be 0 to 100,000.");
        }

        return problems;
    }
}
