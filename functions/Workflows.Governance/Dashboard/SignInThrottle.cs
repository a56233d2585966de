using System.Threading.RateLimiting;

namespace Workflows.Governance.Dashboard;

/// <summary>Limits wrong admin keys per client address, so the key cannot be guessed by trying: after
/// <see cref="MaxFailures"/> wrong keys in <see cref="Window"/>, that address cannot sign in until the window ends.
/// Only failures count, so an operator who signs in often is never held back.</summary>
internal sealed class SignInThrottle : IDisposable
{
    /// <summary>Wrong keys allowed per address and window.</summary>
    public const int MaxFailures = 10;

    /// <summary>How long failures are remembered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(
        address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = MaxFailures,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether the address has used up its wrong keys for now.</summary>
    public bool IsLockedOut(string address) => this.failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts a wrong key from the address.</summary>
    public void RecordFailure(string address)
    {
        using RateLimitLease lease = this.failures.AttemptAcquire(address);
    }

    public void Dispose() => this.failures.Dispose();

    /// <summary>The address a request's failures are counted under.</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
