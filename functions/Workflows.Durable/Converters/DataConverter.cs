namespace Workflows.Durable;

/// <summary>Turns inputs, outputs and event payloads into text and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes a value; null stays null.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes a value; null stays null.</summary>
    public virtual T? Deserialize<T>(string? data) => data is null ? default : (T?)this.Deserialize(data, typeof(T));
}
