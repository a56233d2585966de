using System.Globalization;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>The seed of a crash test's random kill moments. A run prints it; setting <see cref="Variable"/> to it
/// replays the same choices.</summary>
public static class CrashSeed
{
    /// <summary>The environment variable that fixes the seed.</summary>
    public const string Variable = "CRASH_TEST_SEED";

    /// <summary>The seed given by <see cref="Variable"/>, or a new random one.</summary>
    public static int Next()
    {
        string? fixedSeed = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(fixedSeed))
        {
            return Random.Shared.Next();
        }

        return int.TryParse(fixedSeed, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : throw new InvalidOperationException($"{Variable} is '{fixedSeed}', which is not a whole number.");
    }
}
