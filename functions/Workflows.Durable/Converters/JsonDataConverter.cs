using System.Text.Json;

namespace Workflows.Durable.Converters;

/// <summary>The default converter: System.Text.Json, fields included.</summary>
public class JsonDataConverter : DataConverter
{
    private static readonly JsonSerializerOptions DefaultOptions = new() { IncludeFields = true };

    private readonly JsonSerializerOptions options;

    /// <summary>Creates a converter with the given options, or the defaults.</summary>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        this.options = options ?? DefaultOptions;
    }

    /// <summary>The shared default converter.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <inheritdoc/>
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), this.options);

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return data is null ? null : JsonSerializer.Deserialize(data, targetType, this.options);
    }
}
