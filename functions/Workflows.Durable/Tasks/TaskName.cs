namespace Workflows.Durable;

/// <summary>The name of an orchestrator or activity; compared case-insensitively.</summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    /// <summary>Creates a task name.</summary>
    public TaskName(string name)
    {
        this.Name = string.IsNullOrEmpty(name) ? null! : name;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Always empty; kept for source compatibility with Microsoft.DurableTask.</summary>
    [Obsolete("Versions are carried by TaskVersion.")]
    public string Version => string.Empty;

    /// <summary>Converts a string to a task name.</summary>
    public static implicit operator TaskName(string? name) => string.IsNullOrEmpty(name) ? default : new TaskName(name);

    /// <summary>Converts a task name to its string.</summary>
    public static implicit operator string(TaskName name) => name.Name;

    /// <summary>Equality, ignoring case.</summary>
    public static bool operator ==(TaskName left, TaskName right) => left.Equals(right);

    /// <summary>Inequality, ignoring case.</summary>
    public static bool operator !=(TaskName left, TaskName right) => !left.Equals(right);

    /// <summary>Creates a task name from a string.</summary>
    public static TaskName FromString(string? name) => name;

    /// <inheritdoc/>
    public bool Equals(TaskName other) => string.Equals(this.Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TaskName other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => this.Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(this.Name);

    /// <inheritdoc/>
    public override string ToString() => this.Name ?? string.Empty;
}
