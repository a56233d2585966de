using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;

namespace Workflows.Functions.Proposals;

/// <summary>An orchestration's waits for external events, one per event name, kept until its event is taken.</summary>
/// <remarks>Microsoft.DurableTask hands an event to the newest waiter of its name even when that waiter was cancelled, so
/// a wait cancelled at the end of a loop turn would swallow the next event of its name. A wait made here is never
/// cancelled: the next turn, the next approval round or the next stage awaits the same task until its event is taken.
/// Payloads are read as JSON here rather than by the SDK, so that an unreadable payload raised by an operator is ignored
/// instead of failing the orchestration; names are matched in any case and enums read from their names or numbers, as an
/// operator may type them in the dashboard or the management API.</remarks>
internal sealed class EventInbox
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true, PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };
    private readonly TaskOrchestrationContext context;
    private readonly Dictionary<string, Task<JsonElement?>> waits = new(StringComparer.OrdinalIgnoreCase);

    public EventInbox(TaskOrchestrationContext context)
    {
        this.context = context;
    }

    /// <summary>The wait for the next event named <paramref name="name"/>: the same task until <see cref="Take{T}"/>
    /// consumes its event.</summary>
    public Task<JsonElement?> Next(string name)
    {
        if (!this.waits.TryGetValue(name, out Task<JsonElement?>? wait))
        {
            wait = this.context.WaitForExternalEvent<JsonElement?>(name);
            this.waits[name] = wait;
        }

        return wait;
    }

    /// <summary>Consumes the event the wait for <paramref name="name"/> received and reads its payload as
    /// <typeparamref name="T"/>; default when it has none or it is not a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">No event of that name has arrived.</exception>
    public T? Take<T>(string name)
    {
        if (!this.waits.TryGetValue(name, out Task<JsonElement?>? wait) || !wait.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"No '{name}' event has arrived to take.");
        }

        this.waits.Remove(name);
        if (wait.Result is not { ValueKind: not JsonValueKind.Null } payload)
        {
            return default;
        }

        try
        {
            return payload.Deserialize<T>(Json);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
