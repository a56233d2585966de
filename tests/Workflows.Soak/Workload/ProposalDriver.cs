using System.Globalization;
using System.Net;
using System.Text.Json;
using Workflows.Governance.Email;
using Workflows.Soak.Hosts;

namespace Workflows.Soak.Workload;

/// <summary>Runs each proposal as its people would: starts it through <c>POST /api/proposals</c>, then waits for each
/// request email in the outbox and confirms the plan's decision through its link: the committee chair, the congress
/// chair, then every governing body at once.</summary>
public sealed class ProposalDriver(HostCluster cluster, OutboxReader outbox, string adminKey)
{
    private readonly ApprovalConfirmer confirmer = new(cluster);
    private int decided;

    /// <summary>The pages the confirmations ended on.</summary>
    public IReadOnlyDictionary<string, int> Pages => this.confirmer.Pages;

    /// <summary>Decisions confirmed.</summary>
    public int Decided => this.decided;

    /// <summary>Starts and decides <paramref name="plan"/>; returns when its last decision is confirmed (or
    /// <paramref name="cancellationToken"/> ends the wait for an email that does not come).</summary>
    public async Task RunAsync(ProposalScript plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string json = JsonSerializer.Serialize(plan.Request());
        HostAnswer started = await cluster.PostJsonAsync("/api/proposals", json, adminKey, cancellationToken);

        // A conflict is the answer to a retry of a start that went through before its connection dropped.
        if (started.Status is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict))
        {
            cluster.Find($"{plan.Id}: POST /api/proposals answered {(int)started.Status}: {started.Body}");
            return;
        }

        await this.DecideAsync(plan, plan.CommitteeSlot, cancellationToken);
        if (plan.ReachesCongress)
        {
            await this.DecideAsync(plan, plan.CongressSlot, cancellationToken);
        }

        if (plan.ReachesBodies)
        {
            await Task.WhenAll(plan.BodySlots.Select(slot => this.DecideAsync(plan, slot, cancellationToken)));
        }
    }

    private async Task DecideAsync(ProposalScript plan, string slot, CancellationToken cancellationToken)
    {
        OutboxMessage email = await outbox.WaitForAsync(slot, cancellationToken);
        string decision = plan.DecisionFor(slot).ToString();
        if (OutboxReader.TokenFor(email, decision) is not { } token)
        {
            cluster.Find($"{slot}: the email has no {decision} link");
            return;
        }

        string page = await this.confirmer.ConfirmAsync(token, string.Create(CultureInfo.InvariantCulture, $"{slot} {decision}"), cancellationToken);
        if (page is "recorded" or "received" or "already-recorded")
        {
            Interlocked.Increment(ref this.decided);
        }
    }
}
