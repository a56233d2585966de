namespace Workflows.Fuzz;

/// <summary>What one fuzz run does.</summary>
/// <param name="Requests">How many requests to send.</param>
/// <param name="Seed">The seed of every random choice: the same seed sends the same requests against the same state.</param>
/// <param name="Url">A running service to fuzz; null starts one.</param>
/// <param name="AdminKey">The admin key of the service at <paramref name="Url"/> (a started service gets a random one).</param>
public sealed record FuzzOptions(int Requests, int Seed, Uri? Url, string? AdminKey);
