using DurableTask.Core;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;

namespace Workflows.DurableTask.Sqlite.Storage;

/// <summary>One row of Instances as read by queries, with the SQL that reads it.</summary>
internal sealed record InstanceRow(
    string InstanceId,
    string ExecutionId,
    string Name,
    string? Version,
    OrchestrationStatus Status,
    long CreatedTime,
    long LastUpdatedTime,
    long? CompletedTime,
    long? ScheduledStartTime,
    string? ParentInstanceId,
    string? ParentExecutionId,
    string? Tags,
    string? FailureDetails,
    long Generation,
    string? Input,
    string? Output,
    string? CustomStatus)
{
    /// <summary>The select list for an instance row aliased <c>i</c>, without its payloads.</summary>
    public const string Columns = "i.InstanceId, i.ExecutionId, i.Name, i.Version, i.RuntimeStatus, i.CreatedTime, i.LastUpdatedTime, "
        + "i.CompletedTime, i.ScheduledStartTime, i.ParentInstanceId, i.ParentExecutionId, i.Tags, i.FailureDetails, i.Generation";

    /// <summary>The select list with input, output and custom status.</summary>
    public static readonly string ColumnsWithPayloads = Columns + ", "
        + Payloads.Text("i", "Input", "InputPayloadId") + ", "
        + Payloads.Text("i", "Output", "OutputPayloadId") + ", "
        + Payloads.Text("i", "CustomStatus", "CustomStatusPayloadId");

    /// <summary>Reads a row selected with <see cref="Columns"/> or <see cref="ColumnsWithPayloads"/>.</summary>
    public static InstanceRow Read(SqliteDataReader r, bool withPayloads) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetNullableString(3),
        (OrchestrationStatus)r.GetInt32(4),
        r.GetInt64(5),
        r.GetInt64(6),
        r.GetNullableInt64(7),
        r.GetNullableInt64(8),
        r.GetNullableString(9),
        r.GetNullableString(10),
        r.GetNullableString(11),
        r.GetNullableString(12),
        r.GetInt64(13),
        withPayloads ? r.GetNullableString(14) : null,
        withPayloads ? r.GetNullableString(15) : null,
        withPayloads ? r.GetNullableString(16) : null);

    /// <summary>DurableTask.Core's view of the instance.</summary>
    public OrchestrationState ToState() => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = this.InstanceId, ExecutionId = this.ExecutionId },
        Name = this.Name,
        Version = this.Version,
        OrchestrationStatus = this.Status,
        CreatedTime = SqliteCommands.ToUtc(this.CreatedTime),
        LastUpdatedTime = SqliteCommands.ToUtc(this.LastUpdatedTime),
        CompletedTime = SqliteCommands.ToUtc(this.CompletedTime) ?? DateTime.MinValue,
        ScheduledStartTime = SqliteCommands.ToUtc(this.ScheduledStartTime),
        Input = this.Input,
        Output = this.Output,
        Status = this.CustomStatus,
        FailureDetails = this.FailureDetails is null ? null : EventJson.Deserialize<CoreFailureDetails>(this.FailureDetails),
        Tags = this.Tags is null ? null : EventJson.Deserialize<Dictionary<string, string>>(this.Tags),
        Generation = (int)this.Generation,
        ParentInstance = this.ParentInstanceId is null
            ? null
            : new ParentInstance { OrchestrationInstance = new OrchestrationInstance { InstanceId = this.ParentInstanceId, ExecutionId = this.ParentExecutionId } },
    };

    /// <summary>The SDK's view of the instance, for the query port.</summary>
    public OrchestrationMetadata ToMetadata() => new(this.Name, this.InstanceId)
    {
        RuntimeStatus = (OrchestrationRuntimeStatus)(int)this.Status,
        CreatedAt = new DateTimeOffset(this.CreatedTime, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(this.LastUpdatedTime, TimeSpan.Zero),
        SerializedInput = this.Input,
        SerializedOutput = this.Output,
        SerializedCustomStatus = this.CustomStatus,
        FailureDetails = this.FailureDetails is null ? null : ToTaskFailure(EventJson.Deserialize<CoreFailureDetails>(this.FailureDetails)),
        Tags = this.Tags is null ? new Dictionary<string, string>() : EventJson.Deserialize<Dictionary<string, string>>(this.Tags),
        DataConverter = Microsoft.DurableTask.Converters.JsonDataConverter.Default,
    };

    private static TaskFailureDetails? ToTaskFailure(CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToTaskFailure(details.InnerFailure), null);
}
