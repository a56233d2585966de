namespace Workflows.Governance.Dashboard;

/// <summary>Limits wrong admin keys per client address, so the key cannot be guessed by trying: after
/// <see cref="MaxFailures"/> wrong keys in <see cref="Window"/>, that address cannot sign in until the window ends.
/// Only failures count, so an operator who signs in often is never held back. The counts live in the
/// <see cref="ISignInFailureStore"/> the host chose, shared by all its processes.</summary>
internal sealed class SignInThrottle
{
    /// <summary>Wrong keys allowed per address and window.</summary>
    public const int MaxFailures = 10;

    /// <summary>How long failures are remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ISignInFailureStore failures;

    public SignInThrottle(ISignInFailureStore failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        this.failures = failures;
    }

    /// <summary>Whether the address has used up its wrong keys for now.</summary>
    public async Task<bool> IsLockedOutAsync(string address, CancellationToken cancellationToken) =>
        await this.failures.CountAsync(address, cancellationToken) >= MaxFailures;

    /// <summary>Counts a wrong key from the address.</summary>
    public Task RecordFailureAsync(string address, CancellationToken cancellationToken) => this.failures.RecordAsync(address, cancellationToken);

    /// <summary>The address a request's failures are counted under.</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
