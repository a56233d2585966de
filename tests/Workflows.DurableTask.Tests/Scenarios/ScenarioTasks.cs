using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>The orchestrators and activities of the scenarios, as classes and as functions.</summary>
public static class ScenarioTasks
{
    /// <summary>Attempts per key of the activities that fail a given number of times before they succeed.</summary>
    public static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    public static void Register(DurableTaskRegistry tasks)
    {
        tasks.AddOrchestrator<HelloSequence>();
        tasks.AddActivity<SayHello>();

        tasks.AddActivityFunc<int, int>("Square", (_, n) => n * n);
        tasks.AddOrchestratorFunc<int, int>("FanOutFanIn", async (context, count) =>
        {
            int[] squares = await Task.WhenAll(Enumerable.Range(1, count).Select(n => context.CallActivityAsync<int>("Square", n)));
            return squares.Sum();
        });

        tasks.AddOrchestratorFunc<int, string>("Timer", async (context, seconds) =>
        {
            await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            return "fired";
        });

        // Sleeps first, so an event raised once the instance runs arrives before the wait and is buffered.
        tasks.AddOrchestratorFunc<string?, string>("WaitAfterTimer", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            return await context.WaitForExternalEvent<string>("approval");
        });

        tasks.AddOrchestratorFunc<string?, string>("WaitWithTimeout", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("never", TimeSpan.FromSeconds(1));
            }
            catch (OperationCanceledException)
            {
                return "timed out";
            }
        });

        tasks.AddOrchestratorFunc<string?, string>("WaitForEvent", async (context, _) =>
        {
            context.SetCustomStatus(new StageStatus("waiting", 1));
            string value = await context.WaitForExternalEvent<string>("go");
            context.SetCustomStatus(new StageStatus("done", 2));
            return value;
        });

        tasks.AddOrchestratorFunc<string, string>("Child", (context, input) => Task.FromResult($"{input} from {context.InstanceId} (parent {context.Parent?.InstanceId})"));
        tasks.AddOrchestratorFunc<string, string>("Parent", (context, input) =>
            context.CallSubOrchestratorAsync<string>("Child", input, new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" }));

        tasks.AddOrchestratorFunc<string, string>("FailingChild", (_, input) => Task.FromException<string>(new InvalidOperationException($"child refused {input}")));
        tasks.AddOrchestratorFunc<string, string>("ParentOfFailingChild", async (context, input) =>
        {
            try
            {
                return await context.CallSubOrchestratorAsync<string>("FailingChild", input);
            }
            catch (TaskFailedException failure)
            {
                return $"{failure.FailureDetails.ErrorType}|{failure.FailureDetails.ErrorMessage}|{failure.FailureDetails.IsCausedBy<InvalidOperationException>()}";
            }
        });

        tasks.AddOrchestratorFunc<string?, string>("ParentOfWaitingChild", (context, _) =>
            context.CallSubOrchestratorAsync<string>("WaitForEvent", null, new SubOrchestrationOptions { InstanceId = context.InstanceId + "-child" }));

        tasks.AddOrchestratorFunc<int, int>("CountTo3", (context, n) =>
        {
            if (n < 3)
            {
                context.ContinueAsNew(n + 1);
            }

            return Task.FromResult(n);
        });

        tasks.AddActivityFunc<string, int>("FailTwice", (_, key) =>
        {
            int attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            return attempt <= 2 ? throw new InvalidOperationException($"attempt {attempt} fails") : attempt;
        });
        tasks.AddOrchestratorFunc<string?, int>("Retrying", (context, _) =>
            context.CallActivityAsync<int>("FailTwice", context.InstanceId, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1)))));

        tasks.AddActivityFunc<string, int>("FailOnce", (_, key) =>
        {
            int attempt = Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            return attempt == 1 ? throw new InvalidOperationException("first attempt fails") : attempt;
        });
        tasks.AddOrchestratorFunc<string?, int>("FailsUntilRewound", (context, _) => context.CallActivityAsync<int>("FailOnce", context.InstanceId));

        tasks.AddOrchestratorFunc<string, string>("Throws", (_, message) => Task.FromException<string>(new FormatException(message)));

        tasks.AddOrchestratorFunc<string?, string>("CallsMissingActivity", (context, _) => context.CallActivityAsync<string>("NoSuchActivity", "x"));

        tasks.AddOrchestratorFunc<string?, DateTime>("StartTime", (context, _) => Task.FromResult(context.CurrentUtcDateTime));

        tasks.AddOrchestratorFunc<string, string>("Echo", (_, input) => Task.FromResult(input));
    }
}
