using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Hosting;
using Workflows.DurableTask.Sqlite;

namespace Workflows.Benchmarks.Workers;

/// <summary>The benchmark program as one of several worker processes on one SQLite file (<c>--worker-store</c>): the
/// in-process worker with the benchmark's tasks and no client; prints <c>ready</c> once started and stops when its
/// standard input closes, so a parent that dies takes its workers with it.</summary>
internal static class WorkerProcessMode
{
    public const string ReadyLine = "ready";

    public static async Task<int> RunAsync(string databasePath, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var settings = new SqliteOrchestrationServiceSettings { ConnectionString = $"Data Source={databasePath}" };
        builder.Services.AddDurableTaskWorker(b => b.AddTasks(BenchmarkTasks.Register).UseOrchestrationService(
            services => new SqliteOrchestrationService(settings, services.GetRequiredService<ILoggerFactory>())));
        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync(ReadyLine);
        await Console.Out.FlushAsync(cancellationToken);

        // Blocks until the parent closes our stdin (or exits).
        await Console.In.ReadToEndAsync(cancellationToken);
        await host.StopAsync(CancellationToken.None);
        return 0;
    }
}
