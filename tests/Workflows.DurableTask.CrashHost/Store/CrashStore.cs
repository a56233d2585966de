using System.Globalization;

namespace Workflows.DurableTask.CrashHost.Store;

/// <summary>Where a crash host keeps its orchestrations and how quickly a dead process's work is taken over.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="ConnectionString">The provider's connection string (a SQLite file, or an Azure Storage account).</param>
/// <param name="TaskHub">The task hub.</param>
/// <param name="Takeover">How long a killed process's work stays claimed: the SQLite locks, and on Azure Storage the
/// control and work-item queue visibility timeouts and the partition lease interval.</param>
/// <param name="PartitionCount">Azure Storage's control-queue partitions.</param>
public sealed record CrashStore(StoreProvider Provider, string ConnectionString, string TaskHub, TimeSpan Takeover, int PartitionCount)
{
    /// <summary>The environment variable that carries the connection string to a host process, so that it is in no
    /// command line.</summary>
    public const string ConnectionVariable = "CRASH_STORE_CONNECTION";

    /// <summary>Orchestration work items one process runs at once.</summary>
    public const int OrchestrationSlots = 32;

    /// <summary>Activities one process runs at once.</summary>
    public const int ActivitySlots = 8;

    /// <summary>The longest an idle worker waits before it looks for work written by another process.</summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The command-line arguments that describe this store (all but the connection string).</summary>
    public IReadOnlyList<string> ToArguments() =>
    [
        "--provider", this.Provider.ToString(),
        "--hub", this.TaskHub,
        "--takeover-seconds", this.Takeover.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--partitions", this.PartitionCount.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Reads the store from <see cref="ToArguments"/>'s options and <see cref="ConnectionVariable"/>.</summary>
    /// <exception cref="ArgumentException">An option is missing or malformed.</exception>
    public static CrashStore FromArguments(IReadOnlyDictionary<string, string> options, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        string Required(string name) => options.TryGetValue(name, out string? value)
            ? value
            : throw new ArgumentException($"The option --{name} is required.", nameof(options));

        return new CrashStore(
            Enum.Parse<StoreProvider>(Required("provider"), ignoreCase: true),
            string.IsNullOrWhiteSpace(connectionString) ? throw new ArgumentException($"{ConnectionVariable} is not set.", nameof(connectionString)) : connectionString,
            Required("hub"),
            TimeSpan.FromSeconds(double.Parse(Required("takeover-seconds"), CultureInfo.InvariantCulture)),
            int.Parse(Required("partitions"), CultureInfo.InvariantCulture));
    }
}
