using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>A DurableTask.Core activity: squares its input.</summary>
public sealed class SquareActivity : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input) => input * input;
}
