using DurableTask.Core;

namespace Workflows.DurableTask.Worker;

/// <summary>What runs for an activity name that is not registered: it fails the activity, naming it, so the calling
/// orchestration sees a TaskFailedException instead of the work item being retried forever.</summary>
internal sealed class UnregisteredActivity(string name) : TaskActivity
{
    public override string Run(TaskContext context, string input) => throw this.Failure();

    public override Task<string> RunAsync(TaskContext context, string input) => Task.FromException<string>(this.Failure());

    private UnregisteredTaskException Failure() => new($"No activity named '{name}' is registered with this worker.");
}
