using Microsoft.Extensions.Logging;

namespace Workflows.Durable;

/// <summary>A logger factory whose loggers drop entries while their orchestration replays.</summary>
internal sealed class ReplaySafeLoggerFactory : ILoggerFactory
{
    private readonly TaskOrchestrationContext context;
    private readonly ILoggerFactory inner;

    public ReplaySafeLoggerFactory(TaskOrchestrationContext context, ILoggerFactory inner)
    {
        this.context = context;
        this.inner = inner;
    }

    public void AddProvider(ILoggerProvider provider) => this.inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new ReplaySafeLogger(this.context, this.inner.CreateLogger(categoryName));

    public void Dispose()
    {
        // The inner factory belongs to the host.
    }
}
