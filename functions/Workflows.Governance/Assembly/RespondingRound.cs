using Microsoft.DurableTask;
using Workflows.Governance.Proposals;

namespace Workflows.Governance.Assembly;

/// <summary>The open period of a round whose members answer, and may answer again, until it closes: consultations and
/// work-programme rounds. It takes answers, reminds once before the close, moves the close when extended, resends on
/// request, and ends at the closing date or when an admin closes it.</summary>
/// <remarks>Runs inside an orchestrator, so everything it awaits is durable and replayed like the rest. The event waits
/// are kept across turns (see <see cref="EventInbox"/>); only the timer is given up at the end of a turn.</remarks>
/// <typeparam name="TAnswer">The answer event's payload.</typeparam>
internal sealed class RespondingRound<TAnswer>
    where TAnswer : class
{
    private readonly TaskOrchestrationContext context;
    private readonly EventInbox events;
    private readonly string answerEvent;
    private readonly TimeSpan reminderBeforeClose;

    public RespondingRound(TaskOrchestrationContext context, string answerEvent, DateTime closesAt, TimeSpan reminderBeforeClose)
    {
        this.context = context;
        this.events = new EventInbox(context);
        this.answerEvent = answerEvent;
        this.ClosesAt = DateTime.SpecifyKind(closesAt, DateTimeKind.Utc);
        this.reminderBeforeClose = reminderBeforeClose;
    }

    /// <summary>When the round closes; later after an extension.</summary>
    public DateTime ClosesAt { get; private set; }

    /// <summary>Who closed the round early, if an admin did.</summary>
    public string? ClosedBy { get; private set; }

    /// <summary>Takes an answer (already read from its event; unreadable ones never get here).</summary>
    public required Func<TAnswer, Task> Answered { get; init; }

    /// <summary>Reminds the members still to answer, once, <c>reminderBeforeClose</c> before the close.</summary>
    public required Func<Task> Remind { get; init; }

    /// <summary>Sends the invitations again, with links valid to the current close.</summary>
    public required Func<RoundResend, Task> Resend { get; init; }

    /// <summary>Tells that the close moved later, to the date given.</summary>
    public required Func<DateTime, Task> Extended { get; init; }

    /// <summary>Runs the open period to its end.</summary>
    public async Task RunAsync()
    {
        bool reminded = false;
        while (this.context.CurrentUtcDateTime < this.ClosesAt)
        {
            DateTime remindAt = this.ClosesAt - this.reminderBeforeClose;
            bool remindNext = !reminded && remindAt > this.context.CurrentUtcDateTime;
            using var cancel = new CancellationTokenSource();
            Task timer = this.context.CreateTimer(remindNext ? remindAt : this.ClosesAt, cancel.Token);
            Task answer = this.events.Next(this.answerEvent);
            Task close = this.events.Next(AssemblyEvents.Close);
            Task extend = this.events.Next(AssemblyEvents.Extend);
            Task resend = this.events.Next(AssemblyEvents.Resend);
            Task winner = await Task.WhenAny(timer, answer, close, extend, resend);
            if (winner != timer)
            {
                cancel.Cancel();
            }

            if (winner == answer)
            {
                if (this.events.Take<TAnswer>(this.answerEvent) is { } taken)
                {
                    await this.Answered(taken);
                }
            }
            else if (winner == close)
            {
                this.ClosedBy = this.events.Take<string>(AssemblyEvents.Close) ?? "admin";
                return;
            }
            else if (winner == extend)
            {
                if (this.events.Take<RoundExtension>(AssemblyEvents.Extend) is { } extension && extension.ClosesAt > this.ClosesAt)
                {
                    this.ClosesAt = DateTime.SpecifyKind(extension.ClosesAt, DateTimeKind.Utc);

                    // A later close brings a reminder before it again.
                    reminded = false;
                    await this.Extended(this.ClosesAt);
                }
            }
            else if (winner == resend)
            {
                await this.Resend(this.events.Take<RoundResend>(AssemblyEvents.Resend) ?? new RoundResend(null, "admin"));
            }
            else if (remindNext && this.context.CurrentUtcDateTime < this.ClosesAt)
            {
                reminded = true;
                await this.Remind();
            }
        }
    }
}
