namespace Workflows.Durable.CrashTests.Infrastructure;

/// <summary>The seed of a crash test's random choices: CRASH_TEST_SEED when set, so that a failing run can be
/// replayed, otherwise a new one per run.</summary>
public static class CrashSeed
{
    /// <summary>The environment variable that fixes the seed.</summary>
    public const string Variable = "CRASH_TEST_SEED";

    /// <summary>Gets the seed for this run.</summary>
    public static int Get() =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int seed)
            ? seed
            : Random.Shared.Next();
}
