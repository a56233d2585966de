using System.Globalization;
using Microsoft.DurableTask;

namespace Workflows.Benchmarks;

/// <summary>The orchestrators and the activity the scenarios run, written against Microsoft.DurableTask.</summary>
internal static class BenchmarkTasks
{
    public const string HelloCities5 = "HelloCities5";
    public const string Sequence = "Sequence";
    public const string FanOut = "FanOut";
    public const string WaitForEvent = "WaitForEvent";
    public const string WaitForApproval = "WaitForApproval";
    public const string SayHello = "SayHello";
    public const string EventName = "Go";
    public const string WaitingStatus = "waiting";

    public static readonly string[] Cities = ["Tokyo", "Seattle", "London", "Paris", "Cairo"];

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<string[]>(HelloCities5, async context =>
        {
            string[] greetings = new string[Cities.Length];
            for (int i = 0; i < Cities.Length; i++)
            {
                greetings[i] = await context.CallActivityAsync<string>(SayHello, Cities[i]);
            }

            return greetings;
        })
        .AddOrchestratorFunc<int, int>(Sequence, async (context, count) =>
        {
            for (int i = 0; i < count; i++)
            {
                await context.CallActivityAsync<string>(SayHello, CityName(i));
            }

            return count;
        })
        .AddOrchestratorFunc<int, int>(FanOut, async (context, count) =>
        {
            Task<string>[] calls = new Task<string>[count];
            for (int i = 0; i < count; i++)
            {
                calls[i] = context.CallActivityAsync<string>(SayHello, CityName(i));
            }

            string[] greetings = await Task.WhenAll(calls);
            return greetings.Length;
        })
        .AddOrchestratorFunc<string>(WaitForEvent, async context =>
        {
            // The status is committed with the first episode, so a client that sees it knows the instance is waiting.
            context.SetCustomStatus(WaitingStatus);
            return await context.WaitForExternalEvent<string>(EventName);
        })
        .AddOrchestratorFunc<string>(WaitForApproval, async context =>
        {
            // As an approval waits: a decision event raced against a deadline weeks away (a durable timer).
            context.SetCustomStatus(WaitingStatus);
            return await context.WaitForExternalEvent<string>(EventName, TimeSpan.FromDays(28));
        })
        .AddActivityFunc<string, string>(SayHello, (_, city) => Greeting(city));

    public static string Greeting(string city) => $"Hello {city}!";

    private static string CityName(int i) => "City" + i.ToString(CultureInfo.InvariantCulture);
}
