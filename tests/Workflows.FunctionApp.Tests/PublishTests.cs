using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Workflows.Functions;

namespace Workflows.FunctionApp.Tests;

/// <summary><c>dotnet publish</c> of the Function App gives what the Functions host loads: every HTTP and timer
/// function in functions.metadata, the Durable extension in extensions.json, and the repository's root host.json. It
/// publishes the build the test command made (<c>--no-build</c>), so that it never rebuilds what other test runs load.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("function-app-publish-").FullName;

    [Fact]
    public async Task Publish_lists_every_function_carries_the_Durable_extension_and_the_root_host_json()
    {
        string root = RepositoryRoot();
        await PublishAsync(Path.Combine(root, "functions", "Workflows.Functions", "Workflows.Functions.csproj"), this.output);

        using JsonDocument metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(this.output, "functions.metadata")));
        Dictionary<string, JsonElement> published = metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
        var declared = typeof(FunctionAppSetup).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(m => m.Function is not null)
            .ToList();
        Assert.Equal(declared.Select(d => d.Function!.Name).Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));
        foreach ((MethodInfo method, FunctionAttribute? function) in declared)
        {
            JsonElement trigger = published[function!.Name].GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("direction").GetString() == "In");
            if (method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault() is { } http)
            {
                Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal(http.Route, trigger.GetProperty("route").GetString());
            }
            else
            {
                Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal(PurgeFunction.Schedule, trigger.GetProperty("schedule").GetString());
            }
        }

        using JsonDocument extensions = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(this.output, "extensions.json")));
        Assert.Contains(extensions.RootElement.GetProperty("extensions").EnumerateArray(),
            e => e.GetProperty("name").GetString() == "DurableTask" && e.GetProperty("typeName").GetString()!.Contains("DurableTask", StringComparison.Ordinal));

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(root, "host.json")), await File.ReadAllTextAsync(Path.Combine(this.output, "host.json")));
        Assert.False(File.Exists(Path.Combine(this.output, "local.settings.json")), "local settings must never be published");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.output, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Workflows.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Workflows.sln) is not above the test output.");
    }

    private static async Task PublishAsync(string project, string output)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["publish", project, "-c", "Release", "--no-build", "-o", output, "--nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var log = new StringBuilder();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        log.Append(await stdout).Append(await stderr);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{log}");
    }
}
