using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.DurableTask.Queries;

namespace Workflows.DurableTask.AzureStorage;

/// <summary>Where a page of <see cref="AzureStorageInstanceQueryPort"/> ended: the order it was made for and the last
/// instance's sort key, so the next page starts after that key even when instances came or went in between.</summary>
internal sealed record AzureStorageQueryToken(
    [property: JsonPropertyName("o")] InstanceOrderBy OrderBy,
    [property: JsonPropertyName("a")] bool Ascending,
    [property: JsonPropertyName("n")] string? Name,
    [property: JsonPropertyName("t")] long Ticks,
    [property: JsonPropertyName("i")] string InstanceId)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The token <paramref name="text"/> encodes; <see cref="ArgumentException"/> when it is not one of ours or
    /// was made for another order.</summary>
    public static AzureStorageQueryToken Decode(string text, InstanceOrderBy orderBy, bool ascending)
    {
        AzureStorageQueryToken? token;
        try
        {
            token = JsonSerializer.Deserialize<AzureStorageQueryToken>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(text), exception);
        }

        if (token is null || token.InstanceId is null)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(text));
        }

        return token.OrderBy == orderBy && token.Ascending == ascending
            ? token
            : throw new ArgumentException("The continuation token was made for another order.", nameof(text));
    }
}
