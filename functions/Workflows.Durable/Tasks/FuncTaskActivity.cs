namespace Workflows.Durable;

/// <summary>Makes activities from delegates.</summary>
public static class FuncTaskActivity
{
    /// <summary>Wraps a delegate as an activity.</summary>
    public static TaskActivity<TInput, TOutput> Create<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return new Implementation<TInput, TOutput>(implementation);
    }

    private sealed class Implementation<TInput, TOutput> : TaskActivity<TInput, TOutput>
    {
        private readonly Func<TaskActivityContext, TInput, Task<TOutput>> implementation;

        public Implementation(Func<TaskActivityContext, TInput, Task<TOutput>> implementation) => this.implementation = implementation;

        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => this.implementation(context, input);
    }
}
