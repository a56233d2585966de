using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Orchestrations;

public sealed class SmokeTests
{
    [Fact]
    public async Task Sequence_of_activities_completes_with_the_concatenated_output()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) =>
            {
                string a = await ctx.CallActivityAsync<string>("Say", "Tokyo");
                string b = await ctx.CallActivityAsync<string>("Say", "Seattle");
                string c = await ctx.CallActivityAsync<string>("Say", name);
                return $"{a} {b} {c}";
            })
            .AddActivityFunc<string, string>("Say", (ctx, city) => $"Hello {city}!"));

        OrchestrationMetadata result = await host.RunAsync("Hello", "London");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello Tokyo! Hello Seattle! Hello London!", result.ReadOutputAs<string>());
    }
}
