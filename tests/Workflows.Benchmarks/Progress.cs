using System.Diagnostics;
using System.Globalization;

namespace Workflows.Benchmarks;

/// <summary>Progress and diagnostics, on stderr so that stdout carries only the JSON result.</summary>
internal static class Progress
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    public static void Info(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(Start).TotalSeconds,7:F1}s] {message}"));
}
