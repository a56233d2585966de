using System.Text.Json;

namespace Workflows.DurableTask.CrashTests.Infrastructure;

/// <summary>The key a crash host's activity records for its task (see <c>SideEffectLog</c>), read back from the
/// serialized input of a <c>TaskScheduled</c> event.</summary>
public static class TaskKey
{
    /// <summary>The key of a task scheduled with <paramref name="serializedInput"/>: a string input is its text, any
    /// other value its JSON; an input wrapped in a one-element array (DurableTask.Core's parameter list) is unwrapped.</summary>
    public static string FromInput(string? serializedInput)
    {
        if (string.IsNullOrEmpty(serializedInput))
        {
            return string.Empty;
        }

        using var document = JsonDocument.Parse(serializedInput);
        JsonElement value = document.RootElement;
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1)
        {
            value = value[0];
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
