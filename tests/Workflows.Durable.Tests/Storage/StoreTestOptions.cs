namespace Workflows.Durable.Tests.Storage;

/// <summary>The provider-neutral settings a contract test asks of a store it opens; each provider maps them onto its own options.</summary>
public sealed class StoreTestOptions
{
    /// <summary>How long a claim lasts unless renewed. Long by default, so that no lock lapses by accident on a slow machine;
    /// the few tests that wait for a lock to lapse set it to <see cref="OrchestrationStoreContractTests.ShortLockTimeout"/>.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Payloads longer than this many characters are stored apart from the hot rows.</summary>
    public int PayloadInlineThreshold { get; set; } = 8 * 1024;

    /// <summary>The name under which the store holds locks; every store a test opens gets its own, as separate processes would.</summary>
    public string WorkerId { get; set; } = "worker";
}
