namespace Workflows.Durable.Client;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed class OrchestrationMetadata
{
    /// <summary>Creates metadata.</summary>
    public OrchestrationMetadata(string name, string instanceId)
    {
        this.Name = name;
        this.InstanceId = instanceId;
    }

    /// <summary>The orchestrator name.</summary>
    public string Name { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The converter that reads the serialized values; set only when inputs and outputs were fetched.</summary>
    public DataConverter? DataConverter { get; init; }

    /// <summary>The status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The serialized input.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialized output.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialized custom status.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Why the instance failed, when it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent's instance id, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Whether the instance is Running.</summary>
    public bool IsRunning => this.RuntimeStatus == OrchestrationRuntimeStatus.Running;

    /// <summary>Whether the instance is Completed, Failed or Terminated.</summary>
    public bool IsCompleted => this.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>Reads the input.</summary>
    public T? ReadInputAs<T>() => this.RequireConverter().Deserialize<T>(this.SerializedInput);

    /// <summary>Reads the output.</summary>
    public T? ReadOutputAs<T>() => this.RequireConverter().Deserialize<T>(this.SerializedOutput);

    /// <summary>Reads the custom status.</summary>
    public T? ReadCustomStatusAs<T>() => this.RequireConverter().Deserialize<T>(this.SerializedCustomStatus);

    /// <inheritdoc/>
    public override string ToString() => $"[{this.Name}, {this.InstanceId}, {this.RuntimeStatus}]";

    private DataConverter RequireConverter() => this.DataConverter ?? throw new InvalidOperationException(
        "The metadata was fetched without inputs and outputs; fetch it with getInputsAndOutputs: true to read them.");
}
