using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Workflows.DurableTask.Worker;

/// <summary>The orchestration DurableTask.Core runs for one registered name: it is handed out before the dispatcher
/// knows the instance's parent, so the SDK shim is made when <see cref="Bind"/> supplies it; an unregistered name gets
/// one that fails the instance, naming the missing orchestrator, instead of the dispatcher retrying it forever.</summary>
internal sealed class RegisteredOrchestration(TaskName name, ITaskOrchestrator? orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
{
    private TaskOrchestration? shim;

    /// <summary>Whether a task is registered under the name.</summary>
    public bool IsRegistered => orchestrator is not null;

    /// <summary>Creates the SDK shim for the instance being dispatched.</summary>
    public void Bind(ParentOrchestrationInstance? parent)
    {
        if (orchestrator is not null && this.shim is null)
        {
            this.shim = shims.CreateOrchestration(name, orchestrator, parent);
        }
    }

    public override Task<string> Execute(OrchestrationContext context, string input)
    {
        if (orchestrator is null)
        {
            // A faulted task, not a throw: DurableTask.Core fails the instance only for failures of the returned task.
            return Task.FromException<string>(new UnregisteredTaskException($"No orchestrator named '{name.Name}' is registered with this worker."));
        }

        this.shim ??= shims.CreateOrchestration(name, orchestrator);
        return this.shim.Execute(context, input);
    }

    public override string? GetStatus() => this.shim?.GetStatus();

    public override void RaiseEvent(OrchestrationContext context, string name, string input) => this.shim?.RaiseEvent(context, name, input);
}
