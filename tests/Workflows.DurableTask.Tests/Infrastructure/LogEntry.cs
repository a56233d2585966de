using Microsoft.Extensions.Logging;

namespace Workflows.DurableTask.Tests.Infrastructure;

/// <summary>One entry a <see cref="CapturingLoggerProvider"/> kept.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
