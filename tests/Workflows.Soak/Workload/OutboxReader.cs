using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Governance.Email;

namespace Workflows.Soak.Workload;

/// <summary>The development outbox the hosts share (<c>{DataDirectory}/outbox</c>, one JSON file per email), read as it
/// fills: each message by its slot, the idempotency key without its last, unique part
/// (<c>{instanceId}:{what}:{guid}</c> gives <c>{instanceId}:{what}</c>), so that two emails for one request stand out.</summary>
public sealed partial class OutboxReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string folder;
    private readonly HashSet<string> read = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<OutboxMessage>> bySlot = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OutboxMessage>> waiting = new(StringComparer.Ordinal);

    public OutboxReader(string folder) => this.folder = folder;

    /// <summary>Every message read so far, by slot.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OutboxMessage>> Messages =>
        this.bySlot.ToDictionary(s => s.Key, s => (IReadOnlyList<OutboxMessage>)[.. s.Value], StringComparer.Ordinal);

    /// <summary>The slot of an idempotency key.</summary>
    public static string SlotOf(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        int last = idempotencyKey.LastIndexOf(':');
        return last < 0 ? idempotencyKey : idempotencyKey[..last];
    }

    /// <summary>The token of the link for <paramref name="decision"/> (<c>Approve</c>, <c>Reject</c>, <c>Refer</c>) in
    /// an approval email's text, or null.</summary>
    public static string? TokenFor(OutboxMessage message, string decision)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DecisionLink().Matches(message.Text).FirstOrDefault(m => m.Groups["decision"].Value == decision)?.Groups["token"].Value;
    }

    /// <summary>Reads the outbox every quarter of a second until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await this.ReadNewAsync(CancellationToken.None);
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the messages not read yet.</summary>
    public async Task ReadNewAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(this.folder))
        {
            return;
        }

        foreach (string path in Directory.EnumerateFiles(this.folder, "*.json"))
        {
            if (this.read.Contains(path))
            {
                continue;
            }

            OutboxMessage? message;
            try
            {
                await using FileStream file = File.OpenRead(path);
                message = await JsonSerializer.DeserializeAsync<OutboxMessage>(file, Json, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or JsonException)
            {
                // Files are moved into place whole; one that cannot be read now is tried again on the next round.
                continue;
            }

            this.read.Add(path);
            if (message is null)
            {
                continue;
            }

            string slot = SlotOf(message.IdempotencyKey);
            this.bySlot.GetOrAdd(slot, _ => new ConcurrentQueue<OutboxMessage>()).Enqueue(message);
            this.Waiter(slot).TrySetResult(message);
        }
    }

    /// <summary>The first message of <paramref name="slot"/>, once it is there.</summary>
    public async Task<OutboxMessage> WaitForAsync(string slot, CancellationToken cancellationToken) =>
        await this.Waiter(slot).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<OutboxMessage> Waiter(string slot) =>
        this.waiting.GetOrAdd(slot, _ => new TaskCompletionSource<OutboxMessage>(TaskCreationOptions.RunContinuationsAsynchronously));

    [GeneratedRegex(@"^(?<decision>Approve|Reject|Refer): \S*/approvals/(?<token>[A-Za-z0-9_\-]+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DecisionLink();
}
