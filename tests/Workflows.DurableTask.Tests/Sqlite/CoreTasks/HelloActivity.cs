using DurableTask.Core;

namespace Workflows.DurableTask.Tests.Sqlite.CoreTasks;

/// <summary>A DurableTask.Core activity: greets its input.</summary>
public sealed class HelloActivity : TaskActivity<string, string>
{
    protected override string Execute(TaskContext context, string input) => $"Hello {input}";
}
