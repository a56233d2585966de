using Microsoft.Extensions.Hosting;

namespace Workflows.Functions.Tests.Infrastructure;

/// <summary>The host lifetime of an app in a <see cref="FunctionsAppFactory"/>: the app's start waits until the factory
/// has begun starting the host it was handed.</summary>
/// <remarks>WebApplicationFactory runs Program on a thread of its own, which starts the host as soon as it is built. When
/// that start fails, Program's <c>RunAsync</c> disposes the host, and if this happens before the factory's own start reads
/// the host's services, the factory reports an ObjectDisposedException instead of the start's error. Holding the start
/// until the factory is in place removes that race. The wait is bounded so that a path that never opens the gate only
/// delays the start.</remarks>
internal sealed class StartGateLifetime : IHostLifetime
{
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the app's start go on.</summary>
    public void Open() => this.opened.TrySetResult();

    /// <inheritdoc/>
    public async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await this.opened.Task.WaitAsync(MostWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Not opened: the factory took a path that does not go through CreateHost; start anyway.
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
