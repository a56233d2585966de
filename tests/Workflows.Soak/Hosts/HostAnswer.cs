using System.Net;

namespace Workflows.Soak.Hosts;

/// <summary>A response of a host process, read to the end.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body as text.</param>
/// <param name="Cookies">The <c>name=value</c> parts of its <c>Set-Cookie</c> headers.</param>
public sealed record HostAnswer(HttpStatusCode Status, string Body, IReadOnlyList<string> Cookies);
