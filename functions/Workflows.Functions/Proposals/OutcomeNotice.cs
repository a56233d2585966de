using Workflows.Functions.Governance;

namespace Workflows.Functions.Proposals;

/// <summary>The input of <see cref="SendOutcomeNoticeActivity"/>.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Title">Its title.</param>
/// <param name="RaisingBodyName">The member body that raised it.</param>
/// <param name="Status">Its status when the outcome was decided.</param>
/// <param name="Recipients">The raising committee's chair, the congress chair and every governing body's approver.</param>
/// <param name="IdempotencyKey">What identifies this email across redeliveries of its activity (see <see cref="EmailKeys"/>).</param>
public sealed record OutcomeNotice(string ProposalId, string Title, string RaisingBodyName, ProposalStatus Status, IReadOnlyList<Person> Recipients, string IdempotencyKey);
