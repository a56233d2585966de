using System.Text.Json;

namespace Workflows.Soak.Workload;

/// <summary>What the soak needs of the congress in force (<c>GET /api/governance</c>): the member bodies with their
/// committees, the categories some body reserves to its governing body, and the value threshold.</summary>
/// <param name="Bodies">Each member body's id with its committees' ids, in the configuration's order.</param>
/// <param name="Categories">Every category id.</param>
/// <param name="ReservedCategories">The categories reserved by at least one body.</param>
/// <param name="Threshold">Values over this make a decision significant.</param>
public sealed record GovernanceFacts(IReadOnlyList<(string Id, IReadOnlyList<string> Committees)> Bodies, IReadOnlyList<string> Categories, IReadOnlySet<string> ReservedCategories, decimal Threshold)
{
    /// <summary>Reads the answer of <c>GET /api/governance</c>.</summary>
    public static GovernanceFacts Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        List<(string, IReadOnlyList<string>)> bodies = [.. root.GetProperty("bodies").EnumerateArray().Select(b => (
            b.GetProperty("id").GetString()!,
            (IReadOnlyList<string>)[.. b.GetProperty("committees").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)]))];
        List<JsonElement> categories = [.. root.GetProperty("categories").EnumerateArray()];
        return new GovernanceFacts(
            bodies,
            [.. categories.Select(c => c.GetProperty("id").GetString()!)],
            categories.Where(c => c.GetProperty("reservedBy").GetArrayLength() > 0).Select(c => c.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal),
            root.GetProperty("threshold").GetDecimal());
    }
}
