using Workflows.Durable.Client;
using Workflows.Durable.CrashTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Workflows.Durable.CrashTests;

/// <summary>SIGKILLs a real host process at random moments while it runs a mixed workload, restarting it each time.</summary>
[Collection(CrashProcessCollection.Name)]
public sealed class KillTests
{
    private const int Instances = 204;
    private const int Kills = 6;

    // Short, so that the locks of a killed worker lapse quickly and its successor takes its work over.
    private const double LockSeconds = 3;

    private readonly ITestOutputHelper output;

    public KillTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task Repeated_SIGKILL_of_the_host_loses_nothing_and_applies_nothing_twice()
    {
        int seed = CrashSeed.Get();
        this.output.WriteLine($"seed {seed} (set {CrashSeed.Variable}={seed} to replay this run's kill timings)");
        var random = new Random(seed);
        await using var workspace = new CrashWorkspace(this.output, LockSeconds);
        try
        {
            await workspace.RunToExitAsync("seed", Instances);
            int interruptingKills = 0;
            for (int kill = 1; kill <= Kills; kill++)
            {
                using CrashHostProcess worker = workspace.StartWorker($"worker {kill}");
                await worker.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
                int delay = random.Next(200, 1501);
                await Task.Delay(delay);
                if (worker.HasExited)
                {
                    throw new InvalidOperationException($"{worker.Name} exited before it was killed.\n{worker.Output}");
                }

                worker.Kill();
                Dictionary<OrchestrationRuntimeStatus, int> counts = await workspace.CountByStatusAsync();
                if (counts.GetValueOrDefault(OrchestrationRuntimeStatus.Completed) < Instances)
                {
                    interruptingKills++;
                }

                workspace.Log($"kill {kill}: SIGKILL of pid {worker.Id} {delay} ms after it started working; {CrashWorkspace.Describe(counts)}");
                if (kill == 2)
                {
                    // Half of the event waiters got their event before any worker ran; the rest get it now, mid-run.
                    await workspace.RunToExitAsync("events", Instances);
                }
            }

            Assert.True(interruptingKills >= 3, $"Only {interruptingKills} kills came while work was unfinished; the test proves too little.");
            using CrashHostProcess last = workspace.StartWorker("final worker");
            await last.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            await workspace.WaitForAllCompletedAsync(Instances, TimeSpan.FromSeconds(75), last);
            workspace.Log("all instances Completed");
            last.Kill();

            string summary = await WorkloadVerifier.VerifyAsync(workspace.Client, workspace.EffectsPath, Instances, activitiesExactlyOnce: false);
            workspace.Log(summary);
        }
        catch (Exception ex)
        {
            throw new XunitException($"[crash seed {seed}; rerun with {CrashSeed.Variable}={seed}] {ex.Message}", ex);
        }
    }
}
