using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.DurableTask;

namespace Workflows.Governance.Proposals;

/// <summary>The idempotency keys of the emails an orchestration sends (the congress's and the assembly's).</summary>
/// <remarks>A key is made by the orchestrator and travels in the activity's input, so it is recorded in history with the
/// call: every redelivery and retry of that call carries the same key, and every other call a new one.
/// <para>A key must also survive an episode that ran but was not recorded: DurableTask.AzureStorage sends an episode's
/// messages before it writes its history, so a host killed in between leaves an email sent by an episode that then runs
/// again, at a new time. <see cref="TaskOrchestrationContext.NewGuid"/> is derived from the episode's time, so a key made
/// from it would differ and the email go twice. An orchestration that anchors (<see cref="AnchorAsync"/>) first instead makes
/// its keys from its first episode's time (in history before any email goes out) and an ordinal per kind: the same in
/// every run of that code, and new for a new instance or a restart. Instances started before anchoring existed keep
/// <see cref="TaskOrchestrationContext.NewGuid"/>, so their replays make the keys they made.</para></remarks>
internal static class EmailKeys
{
    private static readonly ConditionalWeakTable<TaskOrchestrationContext, EmailKeyAnchor> Anchors = new();

    /// <summary>Anchors the keys of <paramref name="context"/>'s orchestration to its first episode, then waits on a timer
    /// due at once, so that episode is recorded before any email is sent; does nothing when <paramref name="anchor"/> is
    /// false (an input from before anchoring, whose replay must not meet a new timer). Call it first, before anything else.</summary>
    public static Task AnchorAsync(TaskOrchestrationContext context, bool anchor)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!anchor)
        {
            return Task.CompletedTask;
        }

        Anchors.AddOrUpdate(context, new EmailKeyAnchor(context.CurrentUtcDateTime));
        return context.CreateTimer(context.CurrentUtcDateTime, CancellationToken.None);
    }

    /// <summary>A new key for one email of <paramref name="context"/>'s instance: instance id, what it is, a unique part.</summary>
    public static string New(TaskOrchestrationContext context, string what) =>
        Anchors.TryGetValue(context, out EmailKeyAnchor? anchor)
            ? string.Create(CultureInfo.InvariantCulture, $"{context.InstanceId}:{what}:{anchor.FirstEpisode.Ticks:x}-{anchor.Next(what)}")
            : $"{context.InstanceId}:{what}:{context.NewGuid():N}";
}
