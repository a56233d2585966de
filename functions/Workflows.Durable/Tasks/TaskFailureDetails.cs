namespace Workflows.Durable;

/// <summary>A failure, described as data so that it can be stored in history and crossed between processes.</summary>
/// <param name="ErrorType">The full type name of the exception.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">The stack trace, if any.</param>
/// <param name="InnerFailure">The inner failure, if any.</param>
/// <param name="Properties">Extra properties, if any.</param>
public record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace,
    TaskFailureDetails? InnerFailure,
    IDictionary<string, object?>? Properties = null)
{
    /// <summary>Whether the failure must not be retried.</summary>
    public bool IsNonRetriable { get; init; }

    /// <summary>Describes an exception, with its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails(
                failed.GetType().ToString(),
                failed.Message,
                failed.StackTrace,
                failed.FailureDetails,
                null);
        }

        return new TaskFailureDetails(
            exception.GetType().ToString(),
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            null);
    }

    /// <summary>Whether the failure was caused by an exception of type <typeparamref name="T"/> or a subtype.</summary>
    public bool IsCausedBy<T>()
        where T : Exception => this.IsCausedBy(typeof(T));

    /// <summary>Whether the failure was caused by an exception of the given type or a subtype.</summary>
    public bool IsCausedBy(Type targetBaseExceptionType)
    {
        ArgumentNullException.ThrowIfNull(targetBaseExceptionType);
        Type? type = ResolveType(this.ErrorType);
        return type is not null && targetBaseExceptionType.IsAssignableFrom(type);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{this.ErrorType}: {this.ErrorMessage}";

    private static Type? ResolveType(string name)
    {
        Type? type = Type.GetType(name, throwOnError: false);
        if (type is not null)
        {
            return type;
        }

        foreach (System.Reflection.Assembly assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            type = assembly.GetType(name, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    }
}
