using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Functions;
using Workflows.Governance.Http;

namespace Workflows.FunctionApp.Tests;

/// <summary>Builds (does not run) the Function App's worker host and asks the Durable extension's metadata
/// transformers which functions they add: what the Functions host would receive when the worker indexes its functions.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void Every_orchestrator_and_activity_of_the_governance_workflows_becomes_a_function()
    {
        string folder = Directory.CreateTempSubdirectory("function-app-registration-").FullName;
        Environment.SetEnvironmentVariable("DataDirectory", folder);
        try
        {
            FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder([]);
            FunctionAppSetup.Configure(builder);

            // In a test the entry assembly is the test host, so the generated startup code that calls this in the real
            // app does not run.
            builder.ConfigureDurableExtension();
            using IHost host = builder.Build();
            var added = new List<IFunctionMetadata>();
            foreach (IFunctionMetadataTransformer transformer in host.Services.GetServices<IFunctionMetadataTransformer>())
            {
                transformer.Transform(added);
            }

            Dictionary<string, string?> triggers = added.ToDictionary(
                f => f.Name!, f => JsonDocument.Parse(f.RawBindings![0]).RootElement.GetProperty("type").GetString(), StringComparer.Ordinal);
            List<Type> tasks = [.. typeof(GovernanceHttp).Assembly.GetTypes().Where(t => t.GetCustomAttribute<DurableTaskAttribute>() is not null)];
            Assert.NotEmpty(tasks);
            foreach (Type task in tasks)
            {
                string name = task.GetCustomAttribute<DurableTaskAttribute>()!.Name.Name ?? task.Name;
                string expected = typeof(ITaskOrchestrator).IsAssignableFrom(task) ? "orchestrationTrigger" : "activityTrigger";
                Assert.True(triggers.TryGetValue(name, out string? trigger), $"{name} is not a function of the app");
                Assert.Equal(expected, trigger);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("DataDirectory", null);
            Directory.Delete(folder, recursive: true);
        }
    }
}
