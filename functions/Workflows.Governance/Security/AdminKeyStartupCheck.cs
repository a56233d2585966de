using Microsoft.Extensions.Options;

namespace Workflows.Governance.Security;

/// <summary>Warns once at start when no admin key is configured, so that a closed admin API is explained before anyone
/// is refused by it.</summary>
internal sealed class AdminKeyStartupCheck(IOptions<AdminKeyOptions> options, ILogger<AdminKeyStartupCheck> logger) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.AdminKey))
        {
            AdminKeyLog.NotConfigured(logger);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
