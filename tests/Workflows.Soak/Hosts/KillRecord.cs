namespace Workflows.Soak.Hosts;

/// <summary>One SIGKILL of a host process.</summary>
/// <param name="Number">Its number in the run, from 1.</param>
/// <param name="At">When the signal was sent (UTC).</param>
/// <param name="Slot">The victim's slot.</param>
/// <param name="ProcessId">The victim's process id.</param>
/// <param name="InHand">What the victim may have held (see <see cref="Tracking.HostWork.InHand"/>).</param>
public sealed record KillRecord(int Number, DateTime At, int Slot, int ProcessId, IReadOnlyList<Tracking.HeldWork> InHand);
