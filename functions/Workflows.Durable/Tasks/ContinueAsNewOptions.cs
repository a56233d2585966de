namespace Workflows.Durable;

/// <summary>Options of <see cref="TaskOrchestrationContext.ContinueAsNew(ContinueAsNewOptions)"/>.</summary>
public class ContinueAsNewOptions
{
    /// <summary>The input of the new execution.</summary>
    public object? NewInput { get; set; }

    /// <summary>Whether events received but not yet consumed are carried into the new execution.</summary>
    public bool PreserveUnprocessedEvents { get; set; } = true;

    /// <summary>The version of the new execution.</summary>
    public string? NewVersion { get; set; }
}
