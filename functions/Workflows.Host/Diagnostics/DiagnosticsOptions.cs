using System.Globalization;
using Microsoft.Extensions.Options;

namespace Workflows.Host.Diagnostics;

/// <summary>The <c>Diagnostics</c> settings: what the service adds for measuring itself (the chaos soak), all off by
/// default and not meant for production.</summary>
public sealed class DiagnosticsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Diagnostics";

    /// <summary>The key of <see cref="SyntheticWorkflows"/>.</summary>
    public const string SyntheticWorkflowsKey = SectionName + ":SyntheticWorkflows";

    /// <summary>The key of <see cref="ExitWithProcessId"/>.</summary>
    public const string ExitWithProcessIdKey = SectionName + ":ExitWithProcessId";

    /// <summary>Whether the synthetic orchestrations (<see cref="Synthetic.SyntheticWorkflows"/>) are registered, so that
    /// the management API can start them. Off by default.</summary>
    public bool SyntheticWorkflows { get; init; }

    /// <summary>A process whose end stops this service (the program that started it), or null.</summary>
    public int? ExitWithProcessId { get; init; }

    /// <summary>Reads the section, refusing values that are not what the keys take (with a message naming the key,
    /// never quoting the value).</summary>
    /// <exception cref="OptionsValidationException">A value is malformed.</exception>
    public static DiagnosticsOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        bool synthetic = false;
        if (configuration[SyntheticWorkflowsKey] is { Length: > 0 } flag && !bool.TryParse(flag, out synthetic))
        {
            failures.Add($"{SyntheticWorkflowsKey} must be true or false.");
        }

        int? parent = null;
        if (configuration[ExitWithProcessIdKey] is { Length: > 0 } text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id > 0)
            {
                parent = id;
            }
            else
            {
                failures.Add($"{ExitWithProcessIdKey} must be a process id (a positive whole number).");
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SectionName, typeof(DiagnosticsOptions), failures);
        }

        return new DiagnosticsOptions { SyntheticWorkflows = synthetic, ExitWithProcessId = parent };
    }
}
