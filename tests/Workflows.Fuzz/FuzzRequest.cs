namespace Workflows.Fuzz;

/// <summary>One request the fuzzer sends.</summary>
/// <param name="Surface">Which part of the service it aims at, for the report.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query, sent as they are (not re-encoded).</param>
/// <param name="Body">The body, or null.</param>
/// <param name="ContentType">The body's media type, or null for none.</param>
/// <param name="Headers">Extra headers (keys, cookies, accept).</param>
public sealed record FuzzRequest(string Surface, HttpMethod Method, string Path, byte[]? Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Whether the request could change state if the service accepted it.</summary>
    public bool MayChangeState => this.Method != HttpMethod.Get && this.Method != HttpMethod.Head;

    /// <inheritdoc/>
    public override string ToString() => $"{this.Method} {this.Path} ({this.ContentType ?? "no body"}, {this.Body?.Length ?? 0} bytes)";
}
