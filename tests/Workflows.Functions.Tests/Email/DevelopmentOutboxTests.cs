using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Email;

public sealed class DevelopmentOutboxTests : IDisposable
{
    private readonly EmailTestHost host = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 4, 9, 30, 0, TimeSpan.Zero));

    public void Dispose() => this.host.Dispose();

    [Fact]
    public async Task Without_a_SendGrid_key_each_email_is_stored_as_a_json_file_under_DataDirectory_outbox_and_listed_newest_first()
    {
        ServiceProvider services = this.host.Start(timeProvider: this.clock);
        IEmailSender sender = services.GetRequiredService<IEmailSender>();

        await sender.SendAsync(EmailSamples.ApprovalRequest("First"), "proposal-1:3", CancellationToken.None);
        this.clock.Advance(TimeSpan.FromMinutes(5));
        await sender.SendAsync(EmailSamples.ApprovalRequest("Second"), "proposal-1:4", CancellationToken.None);

        string folder = Path.Combine(this.host.DataDirectory, "outbox");
        Assert.Equal(2, Directory.GetFiles(folder, "*.json").Length);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        IReadOnlyList<OutboxMessage> messages = await services.GetRequiredService<DevelopmentOutbox>().ListAsync(CancellationToken.None);
        Assert.Equal(["Second", "First"], messages.Select(m => m.Subject));
        OutboxMessage second = messages[0];
        Assert.Equal(["approver@example.org", "second@example.org"], second.To);
        Assert.Equal(["deputy@example.org"], second.Cc);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 35, 0, TimeSpan.Zero), second.SentAt);
        Assert.Equal("proposal-1:4", second.IdempotencyKey);
        Assert.Contains("Approve: " + EmailSamples.ApproveUrl.AbsoluteUri, second.Text, StringComparison.Ordinal);
        Assert.Contains("<h1", second.Html, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", second.Id);
        Assert.True(File.Exists(Path.Combine(folder, second.Id + ".json")));
        OutboxMessage? found = await services.GetRequiredService<DevelopmentOutbox>().FindAsync(second.Id, CancellationToken.None);
        Assert.Equal((second.Subject, second.Html, second.SentAt), (found?.Subject, found?.Html, found?.SentAt));
    }

    [Fact]
    public async Task The_same_key_twice_stores_one_message_also_after_a_restart_on_the_same_data_directory()
    {
        await this.host.Start(timeProvider: this.clock).GetRequiredService<IEmailSender>()
            .SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);
        this.clock.Advance(TimeSpan.FromMinutes(1));
        ServiceProvider restarted = this.host.Start(timeProvider: this.clock);
        await restarted.GetRequiredService<IEmailSender>().SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);

        // The outbox is idempotent by itself as well, not only behind the ledger.
        DevelopmentOutbox outbox = restarted.GetRequiredService<DevelopmentOutbox>();
        await outbox.SendAsync(EmailSamples.ApprovalRequest("Again"), "proposal-1:3", CancellationToken.None);

        OutboxMessage only = Assert.Single(await outbox.ListAsync(CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 30, 0, TimeSpan.Zero), only.SentAt);
        Assert.NotEqual("Again", only.Subject);
    }

    [Fact]
    public async Task An_unreadable_file_is_left_out_and_malformed_ids_find_nothing()
    {
        ServiceProvider services = this.host.Start(timeProvider: this.clock);
        await services.GetRequiredService<IEmailSender>().SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);
        DevelopmentOutbox outbox = services.GetRequiredService<DevelopmentOutbox>();
        await File.WriteAllTextAsync(Path.Combine(outbox.Folder, new string('a', 32) + ".json"), "{ not json");

        Assert.Single(await outbox.ListAsync(CancellationToken.None));
        Assert.Null(await outbox.FindAsync(new string('a', 32), CancellationToken.None));
        Assert.Null(await outbox.FindAsync("../../email", CancellationToken.None));
        Assert.Null(await outbox.FindAsync(new string('A', 32), CancellationToken.None));
        Assert.Contains(this.host.Logs.Entries, e => e.Message.Contains("unreadable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stored_file_is_the_documented_json_shape()
    {
        ServiceProvider services = this.host.Start(timeProvider: this.clock);
        await services.GetRequiredService<IEmailSender>().SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);

        string file = Assert.Single(Directory.GetFiles(Path.Combine(this.host.DataDirectory, "outbox")));
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(
            ["id", "to", "cc", "subject", "text", "html", "sentAt", "idempotencyKey"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-03-04T09:30:00+00:00", json.RootElement.GetProperty("sentAt").GetString());
    }
}
