using System.Net.Http.Headers;

namespace Workflows.Governance.Documents;

/// <summary>Checks the content types documents are saved with.</summary>
internal static class DocumentContentType
{
    /// <summary>The longest content type accepted, in characters.</summary>
    public const int MaxLength = 255;

    /// <summary>Throws an <see cref="ArgumentException"/> unless <paramref name="contentType"/> is a media type such as
    /// <c>application/pdf</c> or <c>text/html; charset=utf-8</c>.</summary>
    public static void Validate(string? contentType, string parameterName = "contentType")
    {
        ArgumentNullException.ThrowIfNull(contentType, parameterName);
        if (contentType.Length > MaxLength)
        {
            throw new ArgumentException($"The content type is {contentType.Length} characters long, more than the {MaxLength} allowed.", parameterName);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed)
            || parsed.MediaType is not { } mediaType
            || !mediaType.Contains('/', StringComparison.Ordinal)
            || contentType.Any(char.IsControl))
        {
            throw new ArgumentException($"The content type '{contentType}' is not a media type such as 'application/pdf'.", parameterName);
        }
    }
}
