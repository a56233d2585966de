namespace Workflows.Durable;

/// <summary>Makes orchestrators from delegates.</summary>
public static class FuncTaskOrchestrator
{
    /// <summary>Wraps a delegate as an orchestrator.</summary>
    public static TaskOrchestrator<TInput, TOutput> Create<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return new Implementation<TInput, TOutput>(implementation);
    }

    private sealed class Implementation<TInput, TOutput> : TaskOrchestrator<TInput, TOutput>
    {
        private readonly Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation;

        public Implementation(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation) => this.implementation = implementation;

        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => this.implementation(context, input);
    }
}
