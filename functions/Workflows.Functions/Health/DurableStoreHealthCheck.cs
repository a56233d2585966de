using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Workflows.Functions.Health;

/// <summary>Healthy when the orchestration store answers a one-row instance query within <see cref="Timeout"/>.</summary>
/// <remarks>A failure is thrown, not caught: the health check service turns it into an Unhealthy entry and logs it.</remarks>
internal sealed class DurableStoreHealthCheck(DurableTaskClient client, TimeProvider clock) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "store";

    /// <summary>The SQLite store opens connections synchronously and may wait on a busy file, ignoring cancellation;
    /// the probe must still answer promptly.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await this.QueryAsync(cancellationToken).WaitAsync(Timeout, clock, cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }

    private async Task QueryAsync(CancellationToken cancellationToken)
    {
        await foreach (Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(new OrchestrationQuery(PageSize: 1)).AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
    }
}
