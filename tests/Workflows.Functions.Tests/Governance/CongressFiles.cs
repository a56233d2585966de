namespace Workflows.Functions.Tests.Governance;

/// <summary>Small governance configuration files, written where a test can name them.</summary>
internal static class CongressFiles
{
    /// <summary>A valid congress of two bodies: one reserves policy, both delegate procurement.</summary>
    public const string Small = """
        {
          "congress": { "name": "Test Congress", "chair": { "name": "Chair", "email": "chair@example.org" } },
          "threshold": 250000.50,
          "policy": "Majority",
          "categories": [ { "id": "policy", "name": "Policy" }, { "id": "procurement", "name": "Procurement" } ],
          "bodies": [
            {
              "id": "alpha", "name": "Alpha CCG", "kind": "ClinicalCommissioningGroup",
              "governingBody": {
                "name": "Alpha Governing Body",
                "approver": { "name": "Ann Approver", "email": "ann@alpha.example.org" },
                "deputy": { "name": "Dan Deputy", "email": "dan@alpha.example.org" }
              },
              "committees": [ { "id": "quality", "name": "Alpha Quality Committee", "chair": { "name": "Qu Chair", "email": "qu@alpha.example.org" } } ],
              "schemeOfDelegation": { "delegated": [ "policy", "procurement" ], "reserved": [] }
            },
            {
              "id": "beta", "name": "Beta Council", "kind": "Council",
              "governingBody": {
                "name": "Beta Cabinet",
                "approver": { "name": "Bea Approver", "email": "bea@beta.example.org" },
                "deputy": { "name": "Ben Deputy", "email": "ben@beta.example.org" }
              },
              "committees": [ { "id": "finance", "name": "Beta Finance Committee", "chair": { "name": "Fi Chair", "email": "fi@beta.example.org" } } ],
              "schemeOfDelegation": { "delegated": [ "procurement" ], "reserved": [ "policy" ] }
            }
          ]
        }
        """;

    /// <summary>Writes <paramref name="json"/> to a new file in <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder, string json)
    {
        string path = Path.Combine(folder, $"congress-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
