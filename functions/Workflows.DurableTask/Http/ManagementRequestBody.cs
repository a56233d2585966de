using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Workflows.DurableTask.Http;

/// <summary>Reads the JSON body of a management request.</summary>
internal static class ManagementRequestBody
{
    /// <summary>Reads the body as one JSON value: null when the body is empty, a 400 problem when it is not JSON or, when
    /// <paramref name="requireJsonMediaType"/>, is declared as another media type.</summary>
    public static async Task<(JsonElement? Value, IResult? Problem)> ReadJsonAsync(HttpRequest request, bool requireJsonMediaType, CancellationToken cancellation)
    {
        if (requireJsonMediaType && !string.IsNullOrEmpty(request.ContentType) && !IsJson(request.ContentType))
        {
            return (null, ManagementProblems.BadRequest($"The request body must be JSON (application/json), but is declared as '{request.ContentType}'."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync(cancellation).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, ManagementProblems.BadRequest("The request body is not valid JSON: " + ex.Message));
        }
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
