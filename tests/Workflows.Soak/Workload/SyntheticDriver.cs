using System.Globalization;
using System.Net;
using System.Text.Json;
using Workflows.Host.Diagnostics.Synthetic;
using Workflows.Soak.Hosts;

namespace Workflows.Soak.Workload;

/// <summary>Starts the synthetic orchestrations through the management API (<c>POST
/// /runtime/webhooks/durabletask/orchestrators/{name}/{id}</c>) and raises their events
/// (<c>POST .../instances/{id}/raiseEvent/SyntheticSignal</c>), each on a random host process.</summary>
public sealed class SyntheticDriver(HostCluster cluster, string adminKey)
{
    private const string Management = "/runtime/webhooks/durabletask";
    private int started;
    private static readonly TimeSpan NotStartedPatience = TimeSpan.FromMinutes(10);
    private int raised;
    private int heldForStart;

    /// <summary>Orchestrations started.</summary>
    public int Started => this.started;

    /// <summary>Events raised.</summary>
    public int Raised => this.raised;

    /// <summary>Raise attempts refused (409) because the instance had not started; tried again.</summary>
    public int HeldForStart => this.heldForStart;

    /// <summary>Starts <paramref name="plan"/>, and raises its event after its delay.</summary>
    public async Task RunAsync(SyntheticPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string id = Uri.EscapeDataString(plan.InstanceId);
        string input = JsonSerializer.Serialize(plan.Input);
        HostAnswer start = await cluster.PostJsonAsync($"{Management}/orchestrators/{plan.Orchestrator}/{id}", input, adminKey, cancellationToken);

        // A conflict is the answer to a retry of a start that went through before its connection dropped.
        if (start.Status is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict))
        {
            cluster.Find($"{plan.InstanceId}: the start answered {(int)start.Status}: {start.Body}");
            return;
        }

        Interlocked.Increment(ref this.started);
        if (!plan.RaisesSignal)
        {
            return;
        }

        await Task.Delay(plan.SignalDelay, cancellationToken);

        // On Azure Storage the service answers 409 while the instance has not started (a killed host may hold its start
        // message for the visibility timeout): nothing was sent, so the soak tries again, for longer than other failures.
        var notStartedFor = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            HostAnswer raise = await cluster.PostJsonAsync($"{Management}/instances/{id}/raiseEvent/{SyntheticWorkflows.SignalEvent}", plan.Signal.ToString(CultureInfo.InvariantCulture), adminKey, cancellationToken);
            if (raise.Status == HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref this.raised);
                return;
            }

            // Completed: a try whose answer was lost with its killed host went through, since the instance completes only
            // once its event has arrived (the output check at the end proves it). Gone for another state is a finding.
            if (raise.Status == HttpStatusCode.Gone)
            {
                if (raise.Body.Contains("is Completed", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref this.raised);
                }
                else
                {
                    cluster.Find($"{plan.InstanceId}: raising its event answered 410: {raise.Body}");
                }

                return;
            }

            if (raise.Status == HttpStatusCode.Conflict && notStartedFor.Elapsed < NotStartedPatience)
            {
                Interlocked.Increment(ref this.heldForStart);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                continue;
            }

            if (attempt >= 20)
            {
                cluster.Find($"{plan.InstanceId}: raising its event answered {(int)raise.Status} {attempt} times: {raise.Body}");
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
