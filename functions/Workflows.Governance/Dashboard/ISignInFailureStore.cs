namespace Workflows.Governance.Dashboard;

/// <summary>The wrong admin keys counted per client address in fixed windows, shared by every process that serves the
/// dashboard, so that spreading guesses over instances gains nothing.</summary>
/// <remarks>A window starts with the first failure after the last window ended and lasts the length the implementation
/// is given. Failures recorded at the same moment by racing callers are all counted.</remarks>
public interface ISignInFailureStore
{
    /// <summary>The failures of <paramref name="address"/> in its current window (0 when none is open).</summary>
    Task<int> CountAsync(string address, CancellationToken cancellationToken);

    /// <summary>Counts one failure of <paramref name="address"/>; the failures of its window, this one included.</summary>
    Task<int> RecordAsync(string address, CancellationToken cancellationToken);
}
