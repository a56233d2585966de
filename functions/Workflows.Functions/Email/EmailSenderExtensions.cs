using System.Globalization;
using Workflows.Durable;

namespace Workflows.Functions.Email;

/// <summary>Sends from an activity with the activity's own idempotency key.</summary>
public static class EmailSenderExtensions
{
    /// <summary>The idempotency key of one activity call: <c>"{InstanceId}:{TaskId}"</c>, the same on every redelivery.</summary>
    /// <exception cref="InvalidOperationException">The context does not know its task id, so the key would be shared by
    /// every email of the instance.</exception>
    public static string IdempotencyKey(this TaskActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TaskId < 0
            ? throw new InvalidOperationException($"Activity '{context.Name}' of instance '{context.InstanceId}' has no task id, so its emails cannot be told apart from the instance's others.")
            : string.Create(CultureInfo.InvariantCulture, $"{context.InstanceId}:{context.TaskId}");
    }

    /// <summary>Sends <paramref name="message"/> once per activity call, keyed by <see cref="IdempotencyKey"/>.</summary>
    public static Task SendAsync(this IEmailSender sender, EmailMessage message, TaskActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return sender.SendAsync(message, context.IdempotencyKey(), cancellationToken);
    }
}
