namespace Workflows.Durable;

/// <summary>Names an orchestrator or activity class; without it the short type name is used.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DurableTaskAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public DurableTaskAttribute(string? name = null)
    {
        this.Name = name;
    }

    /// <summary>The task name.</summary>
    public TaskName Name { get; }

    /// <summary>The task version.</summary>
    public string? Version { get; set; }
}
