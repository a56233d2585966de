using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>What the figures were measured on.</summary>
internal static class MachineInfo
{
    /// <summary>The 1-minute load average (Linux), or null where it cannot be read.</summary>
    public static double? LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static JsonObject Describe(string folder, double? loadAtStart) => new()
    {
        ["processorCount"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["osArchitecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["runtimeVersion"] = Environment.Version.ToString(),
        ["serverGc"] = GCSettings.IsServerGC,
        ["totalMemoryMb"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024),
        ["tempFolder"] = Path.GetDirectoryName(folder),
        ["loadAverage1mAtStart"] = loadAtStart,
        ["loadAverage1mAtEnd"] = LoadAverage(),
    };
}
