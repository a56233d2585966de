namespace Workflows.Durable;

/// <summary>Base class of typed orchestrators.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    Type ITaskOrchestrator.InputType => typeof(TInput);

    /// <inheritdoc/>
    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>Runs the orchestrator.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc/>
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await this.RunAsync(context, TaskInputs.Cast<TInput>(input)).ConfigureAwait(true);
    }
}
