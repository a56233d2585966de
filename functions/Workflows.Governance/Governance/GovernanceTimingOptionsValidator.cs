using Microsoft.Extensions.Options;

namespace Workflows.Governance.Governance;

/// <summary>Rejects delays that would never fire or would escalate after the deadline, naming each key and its value.</summary>
internal sealed class GovernanceTimingOptionsValidator : IValidateOptions<GovernanceTimingOptions>
{
    private const string Prefix = GovernanceTimingOptions.SectionName + ":";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, GovernanceTimingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, nameof(options.ReminderInterval), options.ReminderInterval);
        Positive(failures, nameof(options.EscalateAfter), options.EscalateAfter);
        Positive(failures, nameof(options.DecisionDeadline), options.DecisionDeadline);
        if (options.EscalateAfter >= options.DecisionDeadline)
        {
            failures.Add($"{Prefix}{nameof(options.EscalateAfter)} must be shorter than {Prefix}{nameof(options.DecisionDeadline)}, "
                + $"but is {options.EscalateAfter:c}, and the deadline {options.DecisionDeadline:c}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{key} must be positive, but is {value:c}");
        }
    }
}
