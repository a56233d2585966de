namespace Workflows.Governance.Email;

/// <summary>An email could not be delivered to the transport.</summary>
public sealed class EmailDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never holds credentials or the email's bodies.</param>
    /// <param name="statusCode">The transport's HTTP status code, when it answered.</param>
    /// <param name="isPermanent">Whether retrying the same email cannot succeed.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public EmailDeliveryException(string message, int? statusCode, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        this.StatusCode = statusCode;
        this.IsPermanent = isPermanent;
    }

    /// <summary>The transport's HTTP status code; null when it did not answer.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether retrying the same email cannot succeed (a request the transport rejects as invalid or
    /// unauthorized); false for outages, throttling and timeouts.</summary>
    public bool IsPermanent { get; }
}
