using DurableTask.Core.History;
using Microsoft.DurableTask;
using CoreFailureDetails = DurableTask.Core.FailureDetails;

namespace Workflows.DurableTask.Client;

/// <summary>Failure details as the SDK has them, from DurableTask.Core's, from a history, or (Azure Storage keeps
/// only text for a failed instance) from the output text DurableTask.Core writes, <c>"{ErrorType}: {ErrorMessage}"</c>.</summary>
public static class FailureDetailsConversion
{
    /// <summary>The error type given to a failure known only by its text.</summary>
    public const string UnknownErrorType = "OrchestrationFailure";

    /// <summary>The SDK's details for DurableTask.Core's, inner failures included.</summary>
    public static TaskFailureDetails? ToTaskFailureDetails(this CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToTaskFailureDetails(), details.Properties);

    /// <summary>The failure recorded by the last completion event of <paramref name="history"/>, if it has one.</summary>
    public static TaskFailureDetails? FromHistory(IEnumerable<HistoryEvent> history) =>
        history.OfType<ExecutionCompletedEvent>().LastOrDefault(e => e.FailureDetails is not null)?.FailureDetails.ToTaskFailureDetails();

    /// <summary>The failure an instance's output text describes, or null when there is no text.</summary>
    public static TaskFailureDetails? FromOutput(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        string text = output.Trim();
        int separator = text.IndexOf(": ", StringComparison.Ordinal);
        bool typed = separator > 0 && !text.AsSpan(0, separator).ContainsAny(" \"{[");
        return typed
            ? new TaskFailureDetails(text[..separator], text[(separator + 2)..], null, null, null)
            : new TaskFailureDetails(UnknownErrorType, text, null, null, null);
    }
}
