using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Workflows.Functions.Tests.Infrastructure;

/// <summary>Keeps the app's log lines in memory instead of writing them to the test output; every level is enabled, so
/// the app's own filter rules decide what is logged. An exception passed with a line is appended to it, as the console
/// logger writes it (with its stack trace).</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> entries = new();

    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => this.entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this.entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, exception is null ? formatter(state, exception) : $"{formatter(state, exception)}{Environment.NewLine}{exception}"));
    }
}
