using Microsoft.Extensions.Options;

namespace Workflows.Governance.Assembly;

/// <summary>Rejects delays that would never fire or would come after the round closes, naming each key and its value.</summary>
internal sealed class AssemblyTimingOptionsValidator : IValidateOptions<AssemblyTimingOptions>
{
    private const string Prefix = AssemblyTimingOptions.SectionName + ":";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AssemblyTimingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        (string Key, TimeSpan Value)[] delays =
        [
            (nameof(options.NominationPeriod), options.NominationPeriod),
            (nameof(options.ReminderInterval), options.ReminderInterval),
            (nameof(options.EscalateAfter), options.EscalateAfter),
            (nameof(options.ConsultationPeriod), options.ConsultationPeriod),
            (nameof(options.InterestPeriod), options.InterestPeriod),
            (nameof(options.ReminderBeforeClose), options.ReminderBeforeClose),
        ];
        failures.AddRange(delays.Where(d => d.Value <= TimeSpan.Zero).Select(d => $"{Prefix}{d.Key} must be positive, but is {d.Value:c}"));
        ShorterThan(failures, nameof(options.EscalateAfter), options.EscalateAfter, nameof(options.NominationPeriod), options.NominationPeriod);
        ShorterThan(failures, nameof(options.ReminderBeforeClose), options.ReminderBeforeClose, nameof(options.ConsultationPeriod), options.ConsultationPeriod);
        ShorterThan(failures, nameof(options.ReminderBeforeClose), options.ReminderBeforeClose, nameof(options.InterestPeriod), options.InterestPeriod);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ShorterThan(List<string> failures, string key, TimeSpan value, string limitKey, TimeSpan limit)
    {
        if (value > TimeSpan.Zero && value >= limit)
        {
            failures.Add($"{Prefix}{key} must be shorter than {Prefix}{limitKey}, but is {value:c}, and {limitKey} {limit:c}");
        }
    }
}
