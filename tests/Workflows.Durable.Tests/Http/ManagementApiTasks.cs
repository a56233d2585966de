using System.Collections.Concurrent;

namespace Workflows.Durable.Tests.Http;

/// <summary>The orchestrators and activities the management API tests drive.</summary>
public static class ManagementApiTasks
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<object?, object?>("Echo", (_, input) => Task.FromResult(input))
        .AddOrchestratorFunc<string[], List<string>>("Sequence", async (ctx, cities) =>
        {
            ctx.SetCustomStatus(new { step = "greeting" });
            var greetings = new List<string>();
            foreach (string city in cities)
            {
                greetings.Add(await ctx.CallActivityAsync<string>("Hello", city));
            }

            ctx.SetCustomStatus(new { step = "done" });
            return greetings;
        })
        .AddOrchestratorFunc<object?, object?>("Wait", async (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting");
            return await ctx.WaitForExternalEvent<object?>("Go");
        })
        .AddOrchestratorFunc<object?, object?>("NapThenWait", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            return await ctx.WaitForExternalEvent<object?>("Go");
        })
        .AddOrchestratorFunc<object?, string>("Fails", (ctx, _) => ctx.CallActivityAsync<string>("Boom"))
        .AddOrchestratorFunc<object?, string>("FailsOnce", async (ctx, _) => await ctx.CallActivityAsync<string>("FailsFirstTime", ctx.InstanceId) + " after rewind")
        .AddActivityFunc<string, string>("Hello", (_, city) => $"Hello {city}!")
        .AddActivityFunc<object?, string>("Boom", string (_, _) => throw new InvalidOperationException("boom"))
        .AddActivityFunc<string, string>("FailsFirstTime", string (_, key) =>
            Attempts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1 ? throw new InvalidOperationException("first attempt fails") : "ok");
}
