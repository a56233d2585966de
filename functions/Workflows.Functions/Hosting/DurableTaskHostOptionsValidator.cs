using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Workflows.Functions.Hosting;

/// <summary>Rejects host.json durableTask settings the engine cannot honour, naming each key and its value.</summary>
internal sealed partial class DurableTaskHostOptionsValidator : IValidateOptions<DurableTaskHostOptions>
{
    private const string Prefix = "host.json extensions.durableTask.";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DurableTaskHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.HubName) || !HubNamePattern().IsMatch(options.HubName))
        {
            failures.Add($"{Prefix}hubName must be 3 to 45 letters and digits starting with a letter, but is '{options.HubName}'");
        }

        string? type = options.StorageProvider?.Type;
        if (!string.Equals(type, DurableStorageProviderOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Prefix}storageProvider.type must be '{DurableStorageProviderOptions.Sqlite}', the only provider this host has, but is '{type}'");
        }

        AtLeastOne(failures, "maxConcurrentOrchestratorFunctions", options.MaxConcurrentOrchestratorFunctions);
        AtLeastOne(failures, "maxConcurrentActivityFunctions", options.MaxConcurrentActivityFunctions);
        AtLeastOne(failures, "extendedSessionIdleTimeoutInSeconds", options.ExtendedSessionIdleTimeoutInSeconds);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeastOne(List<string> failures, string key, int? value)
    {
        if (value is < 1)
        {
            failures.Add($"{Prefix}{key} must be at least 1, but is {value}");
        }
    }

    // The Durable Functions rule for task hub names, so that a hub name valid here stays valid on Azure Storage.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$", RegexOptions.CultureInvariant)]
    private static partial Regex HubNamePattern();
}
