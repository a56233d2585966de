using Microsoft.DurableTask;
using NSubstitute;
using Workflows.Governance.Proposals;

namespace Workflows.Functions.Tests.Proposals.Orchestration;

/// <summary>Email keys anchored to an orchestration's first episode: the same when an episode that was not recorded runs
/// again at another time (as after a crash on Azure Storage), new for another instance start.</summary>
public sealed class EmailKeysTests
{
    private const string Instance = "p-keys";
    private static readonly DateTime FirstEpisode = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_anchored_key_comes_from_the_first_episode_and_an_ordinal_not_from_the_time_it_is_made()
    {
        (TaskOrchestrationContext context, Func<DateTime, DateTime> setNow) = Context(FirstEpisode);
        Task anchored = EmailKeys.AnchorAsync(context, anchor: true);

        // The episode that sends the first emails runs after the anchor's timer; run twice, at two times.
        setNow(FirstEpisode.AddSeconds(3));
        string request = EmailKeys.New(context, "committee:Request");
        string reminder = EmailKeys.New(context, "committee:Reminder");
        string secondReminder = EmailKeys.New(context, "committee:Reminder");
        (TaskOrchestrationContext again, Func<DateTime, DateTime> setAgain) = Context(FirstEpisode);
        _ = EmailKeys.AnchorAsync(again, anchor: true);
        setAgain(FirstEpisode.AddSeconds(40));

        Assert.True(anchored.IsCompleted);
        Assert.Equal(request, EmailKeys.New(again, "committee:Request"));
        Assert.Equal(reminder, EmailKeys.New(again, "committee:Reminder"));
        Assert.Equal(secondReminder, EmailKeys.New(again, "committee:Reminder"));
        Assert.NotEqual(reminder, secondReminder);
        Assert.StartsWith(Instance + ":committee:Request:", request, StringComparison.Ordinal);
        context.DidNotReceive().NewGuid();
    }

    [Fact]
    public void Another_start_of_the_instance_makes_other_keys_and_an_unanchored_orchestration_keeps_its_guids()
    {
        (TaskOrchestrationContext first, _) = Context(FirstEpisode);
        _ = EmailKeys.AnchorAsync(first, anchor: true);
        (TaskOrchestrationContext restarted, _) = Context(FirstEpisode.AddDays(2));
        _ = EmailKeys.AnchorAsync(restarted, anchor: true);
        (TaskOrchestrationContext before, _) = Context(FirstEpisode);
        before.NewGuid().Returns(new Guid(7, 0, 0, new byte[8]));

        Assert.NotEqual(EmailKeys.New(first, "outcome"), EmailKeys.New(restarted, "outcome"));
        Assert.Equal($"{Instance}:outcome:{new Guid(7, 0, 0, new byte[8]):N}", EmailKeys.New(before, "outcome"));
    }

    private static (TaskOrchestrationContext Context, Func<DateTime, DateTime> SetNow) Context(DateTime start)
    {
        DateTime now = start;
        TaskOrchestrationContext context = Substitute.For<TaskOrchestrationContext>();
        context.InstanceId.Returns(Instance);
        context.CurrentUtcDateTime.Returns(_ => now);
        context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        return (context, at => now = at);
    }
}
