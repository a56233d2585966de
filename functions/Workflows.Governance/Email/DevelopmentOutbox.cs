using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workflows.Governance.Email;

/// <summary>The email transport used when no SendGrid key is configured: each email is stored as one JSON file under
/// <see cref="Folder"/>, to be read at <c>GET /dev/outbox</c>.</summary>
/// <remarks>Idempotent by itself too: a message's file is named for its idempotency key, and an existing file is kept.</remarks>
public sealed class DevelopmentOutbox : IEmailSender
{
    /// <summary>The outbox's folder name under the data directory.</summary>
    public const string FolderName = "outbox";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly TimeProvider timeProvider;
    private readonly ILogger<DevelopmentOutbox> logger;

    /// <summary>Creates an outbox that stores messages in <paramref name="folder"/>, created on the first send.</summary>
    public DevelopmentOutbox(string folder, TimeProvider timeProvider, ILogger<DevelopmentOutbox> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.Folder = Path.GetFullPath(folder);
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>The absolute folder the messages are stored in.</summary>
    public string Folder { get; }

    /// <inheritdoc/>
    public async Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        message.Validate();

        string id = IdFor(idempotencyKey);
        string path = this.PathFor(id);
        if (File.Exists(path))
        {
            EmailLog.AlreadySent(this.logger, idempotencyKey);
            return;
        }

        var stored = new OutboxMessage(
            id,
            [.. message.To.Select(a => a.Address)],
            [.. message.Cc.Select(a => a.Address)],
            message.Subject,
            message.TextBody,
            message.HtmlBody,
            this.timeProvider.GetUtcNow(),
            idempotencyKey);

        Directory.CreateDirectory(this.Folder);
        string temporary = Path.Combine(this.Folder, $"{id}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Written aside and moved into place, so that a listing never reads half a message.
            await using (FileStream file = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(file, stored, FileJson, cancellationToken);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A concurrent send of the same key stored it first.
        }
        finally
        {
            File.Delete(temporary);
        }

        EmailLog.StoredInOutbox(this.logger, idempotencyKey, id);
    }

    /// <summary>The stored messages, newest first; unreadable files are logged and left out.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(this.Folder))
        {
            return [];
        }

        var messages = new List<OutboxMessage>();
        foreach (string path in Directory.EnumerateFiles(this.Folder, "*.json"))
        {
            if (await this.ReadAsync(path, cancellationToken) is { } message)
            {
                messages.Add(message);
            }
        }

        return [.. messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id, StringComparer.Ordinal)];
    }

    /// <summary>The stored message with <paramref name="id"/>, or null when there is none (or the id is malformed).</summary>
    public Task<OutboxMessage?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return IsId(id) ? this.ReadAsync(this.PathFor(id), cancellationToken) : Task.FromResult<OutboxMessage?>(null);
    }

    /// <summary>The id of the message sent with <paramref name="idempotencyKey"/>.</summary>
    internal static string IdFor(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)), 0, 16);

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private string PathFor(string id) => Path.Combine(this.Folder, id + ".json");

    private async Task<OutboxMessage?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using FileStream file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<OutboxMessage>(file, FileJson, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            EmailLog.UnreadableOutboxFile(this.logger, path, ex);
            return null;
        }
    }
}
