using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Fuzz;

/// <summary>The result of a run: the last line the program prints.</summary>
public sealed class FuzzReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The seed used.</summary>
    public int Seed { get; init; }

    /// <summary>Requests sent.</summary>
    public int Requests { get; set; }

    /// <summary>Responses with a 5xx status.</summary>
    public int ServerErrors { get; set; }

    /// <summary>Responses or service log lines holding a stack trace or a secret.</summary>
    public int Leaks { get; set; }

    /// <summary>Batches in which every state-changing request was refused, yet the state changed.</summary>
    public int StateChanges { get; set; }

    /// <summary>Batches whose state was compared (none of their requests was accepted).</summary>
    public int StateChecks { get; set; }

    /// <summary>Responses by status code (0: the service closed the connection while a large body was still being sent,
    /// after refusing the request; 1: an address the client cannot send; 599: any other dropped connection, counted as a
    /// server error).</summary>
    public SortedDictionary<int, int> ByStatus { get; } = [];

    /// <summary>Requests by surface.</summary>
    public SortedDictionary<string, int> BySurface { get; } = new(StringComparer.Ordinal);

    /// <summary>The first few findings, for a person to reproduce (method, path, what was wrong).</summary>
    public List<string> Findings { get; } = [];

    /// <summary>Whether nothing was found.</summary>
    [JsonIgnore]
    public bool Clean => this.ServerErrors == 0 && this.Leaks == 0 && this.StateChanges == 0;

    /// <summary>Notes a finding (the first 20 are kept).</summary>
    public void Find(string finding)
    {
        if (this.Findings.Count < 20)
        {
            this.Findings.Add(finding);
        }
    }

    /// <summary>The report as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
