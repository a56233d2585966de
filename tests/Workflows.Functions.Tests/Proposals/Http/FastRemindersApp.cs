namespace Workflows.Functions.Tests.Proposals.Http;

/// <summary>The app with reminders every second and escalation after two, so that the governing bodies' workflows
/// change their state while the proposal waits.</summary>
public sealed class FastRemindersApp : ProposalApiApp
{
    public FastRemindersApp()
        : base(new Dictionary<string, string?>
        {
            ["Governance:Timing:ReminderInterval"] = "00:00:01",
            ["Governance:Timing:EscalateAfter"] = "00:00:02",
            ["Governance:Timing:DecisionDeadline"] = "00:10:00",
        })
    {
    }
}
