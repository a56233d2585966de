using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Client;

namespace Workflows.DurableTask.Tests.Hosting;

/// <summary>What the client reads from a provider: statuses, failure text, history JSON with or without type names.</summary>
public sealed class ConversionTests
{
    [Fact]
    public void Every_core_status_maps_to_the_runtime_status_of_the_same_name_and_back()
    {
        foreach (OrchestrationStatus status in Enum.GetValues<OrchestrationStatus>())
        {
            OrchestrationRuntimeStatus runtime = status.ToRuntimeStatus();

            Assert.Equal(status.ToString(), runtime.ToString());
            Assert.Equal(status, runtime.ToCoreStatus());
        }
    }

    [Fact]
    public void Failure_text_with_a_type_gives_type_and_message()
    {
        var details = FailureDetailsConversion.FromOutput("System.FormatException: bad paper: page 2");

        Assert.Equal("System.FormatException", details!.ErrorType);
        Assert.Equal("bad paper: page 2", details.ErrorMessage);
    }

    [Fact]
    public void Failure_text_without_a_type_is_kept_as_the_message()
    {
        var details = FailureDetailsConversion.FromOutput("\"something went wrong: badly\"");

        Assert.Equal(FailureDetailsConversion.UnknownErrorType, details!.ErrorType);
        Assert.Equal("\"something went wrong: badly\"", details.ErrorMessage);
        Assert.Null(FailureDetailsConversion.FromOutput("  "));
    }

    [Fact]
    public void History_without_type_names_is_read_by_event_type()
    {
        const string json = """
            [
              { "EventType": 0, "EventId": -1, "Name": "Hello", "Version": "", "Input": "\"x\"", "Timestamp": "2026-12-03T08:00:00Z" },
              { "EventType": 4, "EventId": 0, "Name": "SayHello", "Timestamp": "2026-12-03T08:00:01Z" },
              { "EventType": 5, "EventId": -1, "TaskScheduledId": 0, "Result": "\"Hello x\"" },
              { "EventType": "ExecutionCompleted", "EventId": 1, "OrchestrationStatus": 1, "Result": "\"done\"" }
            ]
            """;

        IList<HistoryEvent> history = HistoryEventJson.Parse(json);

        Assert.Collection(
            history,
            e => Assert.Equal("\"x\"", Assert.IsType<ExecutionStartedEvent>(e).Input),
            e => Assert.Equal("SayHello", Assert.IsType<TaskScheduledEvent>(e).Name),
            e => Assert.Equal(0, Assert.IsType<TaskCompletedEvent>(e).TaskScheduledId),
            e => Assert.Equal(OrchestrationStatus.Completed, Assert.IsType<ExecutionCompletedEvent>(e).OrchestrationStatus));
        Assert.Equal(new DateTime(2026, 12, 3, 8, 0, 1, DateTimeKind.Utc), history[1].Timestamp);
    }

    [Fact]
    public void History_with_type_names_is_read_the_same_way()
    {
        const string json = """[ { "$type": "DurableTask.Core.History.TimerFiredEvent, DurableTask.Core", "EventType": 11, "EventId": -1, "TimerId": 3, "FireAt": "2026-12-03T08:00:05Z" } ]""";

        TimerFiredEvent fired = Assert.IsType<TimerFiredEvent>(Assert.Single(HistoryEventJson.Parse(json)));

        Assert.Equal(3, fired.TimerId);
    }

    [Fact]
    public void Every_event_type_has_a_history_class()
    {
        foreach (EventType type in Enum.GetValues<EventType>())
        {
            Assert.True(typeof(HistoryEvent).IsAssignableFrom(HistoryEventJson.ClassOf(type)), type.ToString());
        }
    }
}
