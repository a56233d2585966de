using System.Text.Json.Serialization;

namespace Workflows.DurableTask.Http;

/// <summary>The links that manage one orchestration instance through the management HTTP API: the Durable Functions
/// check-status payload, with its JSON field names.</summary>
/// <remarks>The links are absolute and carry the <c>code</c> query parameter of the request they were made for. Some hold
/// placeholders for the caller to fill in, as in Durable Functions: <c>{eventName}</c> and <c>{text}</c> (the reason).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design",
    "CA1056:URI-like properties should not be strings",
    Justification = "The links hold {eventName} and {text} placeholders, as in Durable Functions; they are templates, not URIs.")]
public sealed class HttpManagementPayload
{
    /// <summary>The instance id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>GET: the instance's status.</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public required string StatusQueryGetUri { get; init; }

    /// <summary>POST with a JSON body: raises the event named in place of <c>{eventName}</c>.</summary>
    [JsonPropertyName("sendEventPostUri")]
    public required string SendEventPostUri { get; init; }

    /// <summary>POST: terminates the instance, with the reason in place of <c>{text}</c>.</summary>
    [JsonPropertyName("terminatePostUri")]
    public required string TerminatePostUri { get; init; }

    /// <summary>DELETE: purges the finished instance.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>POST: starts the finished instance again with its original input.</summary>
    [JsonPropertyName("restartPostUri")]
    public required string RestartPostUri { get; init; }

    /// <summary>POST: suspends the instance, with the reason in place of <c>{text}</c>.</summary>
    [JsonPropertyName("suspendPostUri")]
    public required string SuspendPostUri { get; init; }

    /// <summary>POST: resumes the suspended instance, with the reason in place of <c>{text}</c>.</summary>
    [JsonPropertyName("resumePostUri")]
    public required string ResumePostUri { get; init; }

    /// <summary>POST: rewinds the failed instance, with the reason in place of <c>{text}</c>.</summary>
    [JsonPropertyName("rewindPostUri")]
    public required string RewindPostUri { get; init; }
}
