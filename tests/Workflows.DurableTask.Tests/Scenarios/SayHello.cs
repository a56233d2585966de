using Microsoft.DurableTask;

namespace Workflows.DurableTask.Tests.Scenarios;

/// <summary>Returns a greeting for its input.</summary>
public sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}");
}
