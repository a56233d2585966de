namespace Workflows.Soak.Tracking;

/// <summary>What a host process may have held of one instance when it died.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Session">Whether the process ran its last episode recently enough to still hold it in an extended
/// session (so its next episode waited for the lock to lapse).</param>
/// <param name="Activities">The scheduling ids (<c>TaskScheduled</c> event ids) of the activities it had started and
/// not finished.</param>
public sealed record HeldWork(string InstanceId, bool Session, IReadOnlyList<int> Activities);
