using Microsoft.DurableTask;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Assembly.Notices;

/// <summary>Sends the assembly's emails from an orchestrator, each with a key of its own made there (see
/// <see cref="EmailKeys"/>), retried on durable timers as approval emails are.</summary>
internal static class AssemblyNotices
{
    /// <summary>Sends one email; <paramref name="what"/> names it in its idempotency key.</summary>
    public static Task<bool> SendAsync(TaskOrchestrationContext context, string what, Func<string, AssemblyEmail> email) =>
        context.CallActivityAsync<bool>(nameof(SendAssemblyEmailActivity), email(EmailKeys.New(context, what)), ApprovalRound.RetryOptions);

    /// <summary>Writes a round's record once and returns the path of its JSON.</summary>
    public static Task<string> RecordAsync(TaskOrchestrationContext context, Records.AssemblyRecord record) =>
        context.CallActivityAsync<string>(nameof(Records.WriteAssemblyRecordActivity), record, ApprovalRound.RetryOptions);
}
