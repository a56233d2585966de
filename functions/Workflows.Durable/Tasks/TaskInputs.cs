namespace Workflows.Durable;

/// <summary>Converts untyped inputs to the type a task declares.</summary>
internal static class TaskInputs
{
    public static T Cast<T>(object? input)
    {
        if (input is null)
        {
            return default!;
        }

        if (input is T typed)
        {
            return typed;
        }

        throw new ArgumentException($"The input is of type '{input.GetType()}', not of the expected type '{typeof(T)}'.", nameof(input));
    }
}
