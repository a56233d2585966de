using System.Globalization;
using Workflows.Host.Diagnostics.Synthetic;

namespace Workflows.Soak.Workload;

/// <summary>One synthetic orchestration of the run, chosen from the seed and its number alone (so the same seed gives
/// the same workload whatever the timing): which orchestrator, its input, and for an event orchestration the value
/// raised and how long after the start.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Orchestrator">The orchestrator's name.</param>
/// <param name="Input">Its input.</param>
/// <param name="Signal">The event's value (event orchestrations only).</param>
/// <param name="SignalDelay">How long after its start the event is raised.</param>
public sealed record SyntheticPlan(string InstanceId, string Orchestrator, SyntheticInput Input, int Signal, TimeSpan SignalDelay)
{
    /// <summary>Whether the soak raises <see cref="SyntheticWorkflows.SignalEvent"/> on it.</summary>
    public bool RaisesSignal => this.Orchestrator == nameof(SyntheticEventOrchestrator);

    /// <summary>The plan of synthetic orchestration <paramref name="index"/> of a run with <paramref name="seed"/>.</summary>
    public static SyntheticPlan For(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        string id = string.Create(CultureInfo.InvariantCulture, $"syn-{index:D6}");
        long value = random.NextInt64(0, 1L << 52);
        int roll = random.Next(100);
        (string orchestrator, int size) = roll switch
        {
            < 22 => (nameof(SyntheticSequenceOrchestrator), random.Next(3, 9)),
            < 40 => (nameof(SyntheticFanOutOrchestrator), random.Next(3, 13)),
            < 56 => (nameof(SyntheticTimerOrchestrator), random.Next(1, 7)),
            < 72 => (nameof(SyntheticEventOrchestrator), 0),
            < 88 => (nameof(SyntheticParentOrchestrator), random.Next(2, 5)),
            _ => (nameof(SyntheticGenerationsOrchestrator), random.Next(2, 7)),
        };
        return new SyntheticPlan(id, orchestrator, new SyntheticInput(value, size), random.Next(1, 1_000_000), TimeSpan.FromMilliseconds(random.Next(0, 4000)));
    }

    /// <summary>The instances this plan makes, itself first, each with its orchestrator and the output a crash-free run
    /// gives it.</summary>
    public IEnumerable<ExpectedInstance> Instances()
    {
        yield return new ExpectedInstance(this.InstanceId, this.Orchestrator, SyntheticWorkflows.ExpectedOutput(this.Orchestrator, this.Input, this.Signal).ToString(CultureInfo.InvariantCulture));
        if (this.Orchestrator == nameof(SyntheticParentOrchestrator))
        {
            for (int i = 0; i < this.Input.Size; i++)
            {
                SyntheticInput child = SyntheticWorkflows.ChildInput(this.Input.Seed, i);
                yield return new ExpectedInstance(
                    SyntheticWorkflows.ChildInstanceId(this.InstanceId, i),
                    nameof(SyntheticSequenceOrchestrator),
                    SyntheticWorkflows.ExpectedOutput(nameof(SyntheticSequenceOrchestrator), child).ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
