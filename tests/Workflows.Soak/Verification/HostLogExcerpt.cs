using System.Text.RegularExpressions;

namespace Workflows.Soak.Verification;

/// <summary>The host logs' last lines about one instance, so a finding carries its evidence even when the run's folder
/// is deleted (as it is in the test command).</summary>
public static partial class HostLogExcerpt
{
    /// <summary>The last <paramref name="max"/> lines naming <paramref name="instanceId"/> in the <c>*.log</c> files of
    /// <paramref name="logsFolder"/>, each prefixed with its file's name; in the order each file wrote them.</summary>
    public static string For(string logsFolder, string instanceId, int max = 12)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (!Directory.Exists(logsFolder))
        {
            return "(no host logs)";
        }

        var lines = new List<string>();
        foreach (string file in Directory.EnumerateFiles(logsFolder, "*.log").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            lines.AddRange(File.ReadLines(file).Where(line => line.Contains(instanceId, StringComparison.Ordinal)).Select(line => $"[{name}] {line.Trim()}"));
        }

        return lines.Count == 0 ? "(not in the host logs)" : string.Join(" | ", lines.TakeLast(max));
    }

    /// <summary>The host log lines of the trace id that a server error's problem details name (the service logs the
    /// failure's type and place under it); null when <paramref name="finding"/> names no trace id.</summary>
    public static string? ForTraceIn(string logsFolder, string finding)
    {
        Match trace = TraceId().Match(finding);
        return trace.Success ? For(logsFolder, trace.Groups[1].Value) : null;
    }

    [GeneratedRegex("\"traceId\":\"([^\"]+)\"")]
    private static partial Regex TraceId();
}
