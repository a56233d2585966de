using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Workflows.DurableTask.Client;

/// <summary>Reads the history JSON of <c>IOrchestrationServiceClient.GetOrchestrationHistoryAsync</c>. Providers write
/// it without type names (Azure Storage) or with them; the class is chosen from <c>EventType</c> either way.</summary>
public static class HistoryEventJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    /// <summary>The events of <paramref name="json"/>, a JSON array; an empty or null text is an empty history.</summary>
    public static IList<HistoryEvent> Parse(string? json)
    {
        var events = new List<HistoryEvent>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return events;
        }

        foreach (JObject item in JArray.Parse(json).OfType<JObject>())
        {
            JToken typeToken = item.GetValue("EventType", StringComparison.OrdinalIgnoreCase)
                ?? throw new FormatException("A history event has no EventType.");
            EventType type = typeToken.Type == JTokenType.String
                ? Enum.Parse<EventType>(typeToken.Value<string>()!, ignoreCase: true)
                : (EventType)typeToken.Value<int>();
            events.Add((HistoryEvent)(item.ToObject(ClassOf(type), Serializer)
                ?? throw new FormatException($"A history event of type {type} could not be read.")));
        }

        return events;
    }

    /// <summary>The DurableTask.Core class of each event type.</summary>
    public static Type ClassOf(EventType type) => type switch
    {
        EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
        EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
        EventType.ExecutionFailed => typeof(ExecutionCompletedEvent),
        EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
        EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
        EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
        EventType.ExecutionRewound => typeof(ExecutionRewoundEvent),
        EventType.TaskScheduled => typeof(TaskScheduledEvent),
        EventType.TaskCompleted => typeof(TaskCompletedEvent),
        EventType.TaskFailed => typeof(TaskFailedEvent),
        EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
        EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
        EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
        EventType.TimerCreated => typeof(TimerCreatedEvent),
        EventType.TimerFired => typeof(TimerFiredEvent),
        EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
        EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
        EventType.EventSent => typeof(EventSentEvent),
        EventType.EventRaised => typeof(EventRaisedEvent),
        EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
        EventType.GenericEvent => typeof(GenericEvent),
        EventType.HistoryState => typeof(HistoryStateEvent),
        _ => throw new FormatException($"Unknown history event type {type}."),
    };
}
