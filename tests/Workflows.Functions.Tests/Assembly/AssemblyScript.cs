using System.Text.Json;
using Microsoft.DurableTask;
using NSubstitute;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Notices;
using Workflows.Governance.Assembly.Records;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>A substitute <see cref="TaskOrchestrationContext"/> for the assembly's orchestrators, with no engine:
/// activities answer at once and are recorded; timers, event waits and sub-orchestrations wait until the test fires,
/// raises or finishes them. Awaits resume inline, so each step's effects are visible when it returns.</summary>
internal sealed class AssemblyScript
{
    private int guids;

    public AssemblyScript(string instanceId, DateTime start)
    {
        this.Now = start;
        TaskOrchestrationContext context = this.Context;
        context.InstanceId.Returns(instanceId);
        context.CurrentUtcDateTime.Returns(_ => this.Now);
        context.NewGuid().Returns(_ => new Guid(++this.guids, 0, 0, new byte[8]));
        context.CallActivityAsync<bool>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => this.Activity(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), true));
        context.CallActivityAsync<string>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => this.Activity(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), "record.json"));
        context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            if (call.ArgAt<DateTime>(0) <= this.Now)
            {
                // A timer already due (the email keys' anchor) fires at once, as the engine fires it.
                return Task.CompletedTask;
            }

            var timer = new TaskCompletionSource();
            call.ArgAt<CancellationToken>(1).Register(() => timer.TrySetCanceled());
            this.Timers.Add((call.ArgAt<DateTime>(0), timer));
            return timer.Task;
        });
        context.WaitForExternalEvent<JsonElement?>(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var wait = new TaskCompletionSource<JsonElement?>();
            this.Waits.Add((call.ArgAt<string>(0), wait));
            return wait.Task;
        });
        context.CallSubOrchestratorAsync<CcgNominationStatus>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>()).Returns(call =>
        {
            var child = new TaskCompletionSource<CcgNominationStatus>();
            this.Children.Add(((call.ArgAt<TaskOptions?>(2) as SubOrchestrationOptions)?.InstanceId, call.ArgAt<object?>(1), child));
            return child.Task;
        });
        context.When(c => c.SetCustomStatus(Arg.Any<object?>())).Do(call => this.Statuses.Add(call.ArgAt<object?>(0)));
        context.When(c => c.SendEvent(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<object>()))
            .Do(call => this.Sent.Add((call.ArgAt<string>(0), call.ArgAt<string>(1), call.ArgAt<object>(2))));
    }

    public TaskOrchestrationContext Context { get; } = Substitute.For<TaskOrchestrationContext>();

    /// <summary>The orchestration's time; firing a timer moves it to the timer's due time.</summary>
    public DateTime Now { get; set; }

    public List<(string Name, object? Input)> Activities { get; } = [];

    public List<(DateTime FireAt, TaskCompletionSource Source)> Timers { get; } = [];

    public List<(string Name, TaskCompletionSource<JsonElement?> Source)> Waits { get; } = [];

    public List<(string? InstanceId, object? Input, TaskCompletionSource<CcgNominationStatus> Source)> Children { get; } = [];

    public List<object?> Statuses { get; } = [];

    public List<(string InstanceId, string Name, object Payload)> Sent { get; } = [];

    /// <summary>The emails sent, in order.</summary>
    public IReadOnlyList<AssemblyEmail> Emails => [.. this.Activities.Select(a => a.Input).OfType<AssemblyEmail>()];

    /// <summary>The records written, in order.</summary>
    public IReadOnlyList<AssemblyRecord> Records => [.. this.Activities.Select(a => a.Input).OfType<AssemblyRecord>()];

    /// <summary>The emails to <paramref name="email"/>.</summary>
    public IReadOnlyList<AssemblyEmail> EmailsTo(string email) => [.. this.Emails.Where(e => e.To.Any(p => p.Email == email))];

    /// <summary>The last custom status of type <typeparamref name="T"/>.</summary>
    public T LastStatus<T>() => this.Statuses.OfType<T>().Last();

    /// <summary>The timer still pending.</summary>
    public DateTime PendingTimer => this.Timers.Single(t => !t.Source.Task.IsCompleted).FireAt;

    /// <summary>Fires the one timer still pending, moving the clock to its due time.</summary>
    public void FireTimer()
    {
        (DateTime fireAt, TaskCompletionSource timer) = this.Timers.Single(t => !t.Source.Task.IsCompleted);
        this.Now = fireAt;
        timer.SetResult();
    }

    /// <summary>Raises an event to the pending wait of that name, as JSON; the clock may move first.</summary>
    public void Raise(string name, object? payload, DateTime? at = null)
    {
        this.Now = at ?? this.Now;
        TaskCompletionSource<JsonElement?> wait = this.Waits.Single(w => w.Name == name && !w.Source.Task.IsCompleted).Source;
        wait.SetResult(payload is null ? null : JsonSerializer.SerializeToElement(payload));
    }

    /// <summary>The result of an orchestration that must have finished by now.</summary>
    public static T Completed<T>(Task<T> run)
    {
        Assert.True(run.IsCompleted, "the orchestration is still waiting");
        return run.GetAwaiter().GetResult();
    }

    private Task<T> Activity<T>(TaskName name, object? input, T result)
    {
        this.Activities.Add((name.Name, input));
        return Task.FromResult(result);
    }
}
