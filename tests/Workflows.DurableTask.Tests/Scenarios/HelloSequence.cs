using Microsoft.DurableTask;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>Greets each city in turn through <see cref="SayHello"/>, one activity after another.</summary>
public sealed class HelloSequence : TaskOrchestrator<string[], string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string[] input)
    {
        var greetings = new List<string>();
        foreach (string city in input)
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(SayHello), city));
        }

        return string.Join(", ", greetings);
    }
}
