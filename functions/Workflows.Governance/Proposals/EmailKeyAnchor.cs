namespace Workflows.Governance.Proposals;

/// <summary>What an orchestration's email keys are made from once anchored (see <see cref="EmailKeys.AnchorAsync"/>):
/// the time of its first episode, and how many keys of each kind it has made so far in this run of its code.</summary>
internal sealed class EmailKeyAnchor(DateTime firstEpisode)
{
    private readonly Dictionary<string, int> made = new(StringComparer.Ordinal);

    /// <summary>The time of the orchestration's first episode, as its history holds it.</summary>
    public DateTime FirstEpisode { get; } = firstEpisode;

    /// <summary>The ordinal of the next key of kind <paramref name="what"/>: 0, 1, 2... in the order the code asks.</summary>
    public int Next(string what)
    {
        int n = this.made.GetValueOrDefault(what);
        this.made[what] = n + 1;
        return n;
    }
}
