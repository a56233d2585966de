using DurableTask.Core.History;
using DurableTask.Core.Serializing;
using Newtonsoft.Json;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>History events as stored: DurableTask.Core's own JSON form (Newtonsoft with <c>$type</c> names), which
/// <see cref="JsonDataConverter.Default"/> reads back into the concrete event types. Reading uses the same settings
/// plus <see cref="HistoryEventContractResolver"/>, for the events the default settings cannot construct.</summary>
internal static class EventJson
{
    private static readonly JsonDataConverter Converter = new(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.Objects,
        DateParseHandling = DateParseHandling.None,
        ContractResolver = new HistoryEventContractResolver(),
    });

    public static string Serialize(object value) => Converter.Serialize(value);

    public static HistoryEvent Deserialize(string json) => Converter.Deserialize<HistoryEvent>(json);

    public static T Deserialize<T>(string json) => Converter.Deserialize<T>(json);

    /// <summary>The correlation id of an event: the scheduling id a response points back to, else its own id.</summary>
    public static int TaskId(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskScheduledId,
        TaskFailedEvent f => f.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent c => c.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent f => f.TaskScheduledId,
        TimerFiredEvent t => t.TimerId,
        _ => e.EventId,
    };

    /// <summary>When a message becomes visible to workers: timers at their due time, scheduled starts at their start.</summary>
    public static DateTime VisibleTime(HistoryEvent e, DateTime now) => e switch
    {
        TimerFiredEvent t => AsUtc(t.FireAt),
        ExecutionStartedEvent { ScheduledStartTime: DateTime start } => AsUtc(start),
        _ => now,
    };

    /// <summary>DurableTask.Core's times are UTC; one without a kind is taken as UTC, not local time.</summary>
    public static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    /// <summary>Whether an event answers something one execution scheduled, so it means nothing to a later execution.</summary>
    public static bool IsExecutionResponse(EventType type) => type is EventType.TaskCompleted or EventType.TaskFailed
        or EventType.TimerFired or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed;
}
