namespace Workflows.DurableTask.Tests.Contract;

/// <summary>What a contract test needs of the service under test; the provider's factory maps it to its settings.</summary>
/// <param name="LockTimeout">How long work-item locks last (short for the takeover tests).</param>
/// <param name="ExtendedSessions">Whether orchestration work items carry an extended session.</param>
public sealed record ServiceProfile(TimeSpan LockTimeout, bool ExtendedSessions)
{
    /// <summary>Long locks, no sessions: the plain dispatcher path.</summary>
    public static ServiceProfile Default { get; } = new(TimeSpan.FromMinutes(1), ExtendedSessions: false);

    /// <summary>Locks that expire within seconds, for the takeover tests.</summary>
    public static ServiceProfile ShortLocks { get; } = new(TimeSpan.FromSeconds(1.5), ExtendedSessions: false);

    /// <summary>Extended sessions on.</summary>
    public static ServiceProfile Sessions { get; } = new(TimeSpan.FromMinutes(1), ExtendedSessions: true);
}
