using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals;

/// <summary>Who decides for one participant of a proposal, resolved from the configuration when the proposal starts.</summary>
/// <param name="Id">"committee", "congress" or the member body's id.</param>
/// <param name="Name">The name shown to people (the committee, the congress, or the governing body).</param>
/// <param name="Approver">Who is asked first.</param>
/// <param name="Role">The approver's role: Chair or Approver.</param>
/// <param name="Deputy">Who the request escalates to, if anyone.</param>
public sealed record ParticipantPlan(string Id, string Name, Person Approver, string Role, Person? Deputy);
