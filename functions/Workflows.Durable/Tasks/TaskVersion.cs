namespace Workflows.Durable;

/// <summary>The version of an orchestrator or activity; compared case-insensitively, empty meaning unversioned.</summary>
public readonly struct TaskVersion : IEquatable<TaskVersion>
{
    /// <summary>The unversioned value.</summary>
    public static readonly TaskVersion Unversioned;

    /// <summary>Creates a version.</summary>
    public TaskVersion(string? version)
    {
        if (version is not null && version.Length > 0 && string.IsNullOrWhiteSpace(version))
        {
            throw new ArgumentException("A version cannot be only whitespace.", nameof(version));
        }

        this.Version = string.IsNullOrEmpty(version) ? null! : version;
    }

    /// <summary>The version text.</summary>
    public string Version { get; }

    /// <summary>Converts a string to a version.</summary>
    public static implicit operator TaskVersion(string? version) => new(version);

    /// <summary>Converts a version to its string.</summary>
    public static implicit operator string(TaskVersion version) => version.Version;

    /// <summary>Equality, ignoring case.</summary>
    public static bool operator ==(TaskVersion left, TaskVersion right) => left.Equals(right);

    /// <summary>Inequality, ignoring case.</summary>
    public static bool operator !=(TaskVersion left, TaskVersion right) => !left.Equals(right);

    /// <summary>Creates a version from a string.</summary>
    public static TaskVersion FromString(string? version) => new(version);

    /// <inheritdoc/>
    public bool Equals(TaskVersion other) => string.Equals(this.Version ?? string.Empty, other.Version ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TaskVersion other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(this.Version ?? string.Empty);

    /// <inheritdoc/>
    public override string ToString() => this.Version ?? string.Empty;
}
