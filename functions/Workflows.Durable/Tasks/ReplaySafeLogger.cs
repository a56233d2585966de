using Microsoft.Extensions.Logging;

namespace Workflows.Durable;

/// <summary>A logger that drops every entry while its orchestration replays, so each entry is written once.</summary>
internal sealed class ReplaySafeLogger : ILogger
{
    private readonly TaskOrchestrationContext context;
    private readonly ILogger inner;

    public ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner)
    {
        this.context = context;
        this.inner = inner;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => this.inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => !this.context.IsReplaying && this.inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!this.context.IsReplaying)
        {
            this.inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
