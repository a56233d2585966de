using System.Text.Json;

namespace Workflows.Functions.Tests.Email;

/// <summary>One request the <see cref="SendGridStub"/> received.</summary>
public sealed record SendGridRequest(string Method, string Path, string? Authorization, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(this.Body).RootElement;
}
