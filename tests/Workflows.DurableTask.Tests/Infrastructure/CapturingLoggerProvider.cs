using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Tests.Infrastructure;

/// <summary>A logger provider that keeps every entry the logging filters let through, and can call back on each.</summary>
public sealed class CapturingLoggerProvider(Action<LogEntry>? onLog = null) : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    private void Add(LogEntry entry)
    {
        this.Entries.Enqueue(entry);
        onLog?.Invoke(entry);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new LogEntry(category, logLevel, eventId, formatter(state, exception), exception);
            provider.Add(entry);
        }
    }
}
