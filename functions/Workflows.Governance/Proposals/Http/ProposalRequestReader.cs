using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Workflows.Governance.Proposals.Http;

/// <summary>Reads a request's JSON body, answering malformed JSON with a 400 that names where it went wrong.</summary>
internal static class ProposalRequestReader
{
    /// <summary>The largest body of an admin action.</summary>
    public const long MaxActionBodyBytes = 64 * 1024;

    /// <summary>Reads <typeparamref name="T"/> from the body. An empty body is <paramref name="empty"/> when it is given,
    /// and a 400 otherwise.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, long maxBytes, T? empty = null)
        where T : class
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        byte[]? body;
        try
        {
            body = await ReadToEndAsync(context.Request.Body, maxBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return (null, ProposalProblems.TooLarge($"The request body is larger than the {maxBytes} bytes accepted here."));
        }

        if (empty is not null && IsBlank(body))
        {
            return (empty, null);
        }

        try
        {
            T? value = JsonSerializer.Deserialize<T>(body, ProposalApiJson.Options);
            return value is null
                ? (null, ProposalProblems.Invalid("$", "The request body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ProposalProblems.Invalid(IsSyntaxError(e) ? "$" : FieldOf(e.Path), Describe(e)));
        }
    }

    /// <summary>The field path of a JSON path: <c>$.raisedBy.body</c> is <c>raisedBy.body</c>; the whole body is <c>$</c>.</summary>
    internal static string FieldOf(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException e)
    {
        if (IsSyntaxError(e) || e.Path is null or "$")
        {
            return $"The request body is not valid JSON{At(e)}.";
        }

        return $"The value is not valid here{At(e)}: this field takes {Expected(e.Message)}.";
    }

    // A syntax error comes from the reader, wrapped; a value of the wrong kind from the serializer itself.
    private static bool IsSyntaxError(JsonException e) => e.InnerException is JsonException;

    private static string At(JsonException e) =>
        e.LineNumber is { } line ? $" (line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1})" : string.Empty;

    // The serializer's message names the .NET type it could not make ("could not be converted to System.String. Path:
    // ..."); say what the API expects instead.
    private static string Expected(string message)
    {
        const string Marker = "converted to ";
        int start = message.IndexOf(Marker, StringComparison.Ordinal);
        int end = start < 0 ? -1 : message.IndexOf(". Path", start, StringComparison.Ordinal);
        string type = start < 0 || end < 0 ? string.Empty : message[(start + Marker.Length)..end];
        return type switch
        {
            _ when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
            _ when type.Contains("System.String", StringComparison.Ordinal) => "a string",
            _ when type.Contains("System.Decimal", StringComparison.Ordinal) => "a number",
            _ when type.Contains("System.DateTimeOffset", StringComparison.Ordinal) => "an ISO 8601 date and time, such as 2026-04-01T17:00:00Z",
            _ when type.StartsWith("Workflows.", StringComparison.Ordinal) => "an object",
            _ => "a value of another kind",
        };
    }

    private static bool IsBlank(byte[] body) => body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

    // Null when the body is larger than maxBytes.
    private static async Task<byte[]?> ReadToEndAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
