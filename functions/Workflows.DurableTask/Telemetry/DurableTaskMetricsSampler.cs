using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.Telemetry;

/// <summary>Samples <see cref="DurableTaskMetrics"/> every <see cref="DurableTaskMetricsOptions.SampleInterval"/> from
/// the host's <see cref="IInstanceQueryPort"/>; a failed sample is logged (without its exception's text) and the
/// next one tried, so a store that is briefly unreachable never stops the host.</summary>
internal sealed partial class DurableTaskMetricsSampler(
    DurableTaskMetrics metrics,
    IEnumerable<IInstanceQueryPort> ports,
    IOptions<DurableTaskMetricsOptions> options,
    TimeProvider clock,
    ILogger<DurableTaskMetricsSampler> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ports.LastOrDefault() is not { } port || (port.Capabilities & (InstanceQueryCapabilities.Backlog | InstanceQueryCapabilities.CountByStatus)) == 0)
        {
            NothingToSample(logger);
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SampleInterval, clock);
        do
        {
            try
            {
                await metrics.SampleAsync(port, clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                SampleFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "The store has no backlog or status counts to sample: the backlog and instance gauges stay empty.")]
    private static partial void NothingToSample(ILogger logger);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Sampling the store's backlog and counts failed ({ExceptionType}); the gauges keep the last sample until the next one.")]
    private static partial void SampleFailed(ILogger logger, string exceptionType);
}
