namespace Workflows.DurableTask.Http;

/// <summary>Endpoint metadata that marks the management API's routes and records where they are mapped, so that
/// check-status links made by app code point at the right place.</summary>
/// <param name="Prefix">The route prefix, with a leading slash and no trailing one.</param>
internal sealed record ManagementApiMetadata(string Prefix);
