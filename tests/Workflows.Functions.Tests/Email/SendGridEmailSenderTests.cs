using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Governance.Email;

namespace Workflows.Functions.Tests.Email;

public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private readonly EmailTestHost host = new();
    private SendGridStub stub = null!;

    public async Task InitializeAsync() => this.stub = await SendGridStub.StartAsync();

    public async Task DisposeAsync()
    {
        await this.stub.DisposeAsync();
        this.host.Dispose();
    }

    [Fact]
    public async Task Sends_one_POST_to_v3_mail_send_with_the_bearer_key_recipients_subject_both_bodies_and_links()
    {
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(this.stub.BaseUrl)).GetRequiredService<IEmailSender>();

        await sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);

        SendGridRequest request = Assert.Single(this.stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer " + EmailTestHost.ApiKey, request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);

        JsonElement mail = request.Json;
        Assert.Equal("congress@example.org", mail.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Staffordshire Congress", mail.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("Decision needed: Community stroke service", mail.GetProperty("subject").GetString());

        JsonElement personalization = Assert.Single(mail.GetProperty("personalizations").EnumerateArray());
        JsonElement[] to = [.. personalization.GetProperty("to").EnumerateArray()];
        Assert.Equal(["approver@example.org", "second@example.org"], to.Select(a => a.GetProperty("email").GetString()));
        Assert.Equal("Dr Jane Smith", to[0].GetProperty("name").GetString());
        Assert.False(to[1].TryGetProperty("name", out _));
        Assert.Equal("deputy@example.org", Assert.Single(personalization.GetProperty("cc").EnumerateArray()).GetProperty("email").GetString());

        JsonElement[] content = [.. mail.GetProperty("content").EnumerateArray()];
        Assert.Equal(["text/plain", "text/html"], content.Select(c => c.GetProperty("type").GetString()));
        string text = content[0].GetProperty("value").GetString()!;
        string html = content[1].GetProperty("value").GetString()!;
        Assert.Contains("\nApprove: " + EmailSamples.ApproveUrl.AbsoluteUri + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\nReject: " + EmailSamples.RejectUrl.AbsoluteUri + "\n", text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://workflows.example.org/approvals/abc.DEF-123?d=approve&amp;x=1\"", html, StringComparison.Ordinal);
        Assert.Contains("Dear Dr Smith,", html, StringComparison.Ordinal);

        // Click tracking would rewrite the approval links through SendGrid's redirector.
        Assert.False(mail.GetProperty("tracking_settings").GetProperty("click_tracking").GetProperty("enable").GetBoolean());
    }

    [Fact]
    public async Task A_500_throws_a_retryable_EmailDeliveryException_and_records_nothing_so_the_retry_sends()
    {
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(this.stub.BaseUrl)).GetRequiredService<IEmailSender>();
        this.stub.RespondNext(500, """{"errors":[{"message":"Internal error, try again"}]}""");

        EmailDeliveryException failure = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None));
        Assert.Equal(500, failure.StatusCode);
        Assert.False(failure.IsPermanent);
        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Internal error, try again", failure.Message, StringComparison.Ordinal);

        await sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);
        await sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:3", CancellationToken.None);

        Assert.Equal(2, this.stub.Requests.Count);
    }

    [Fact]
    public async Task A_400_is_permanent_and_names_SendGrids_error_but_never_the_api_key_in_the_exception_or_logs()
    {
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(this.stub.BaseUrl)).GetRequiredService<IEmailSender>();
        this.stub.RespondNext(400, $$"""{"errors":[{"message":"The from address does not match a verified Sender Identity ({{EmailTestHost.ApiKey}})","field":"from"}]}""");

        EmailDeliveryException failure = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:4", CancellationToken.None));

        Assert.Equal(400, failure.StatusCode);
        Assert.True(failure.IsPermanent);
        Assert.Contains("does not match a verified Sender Identity", failure.Message, StringComparison.Ordinal);
        Assert.Contains("field from", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(EmailTestHost.ApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(this.host.Logs.Entries);
        Assert.All(this.host.Logs.Entries, e => Assert.DoesNotContain(EmailTestHost.ApiKey, e.Message, StringComparison.Ordinal));
        Assert.All(this.host.Logs.Entries, e => Assert.DoesNotContain("Dear Dr Smith", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttling_and_outages_are_not_permanent(int status)
    {
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(this.stub.BaseUrl)).GetRequiredService<IEmailSender>();
        this.stub.RespondNext(status);

        EmailDeliveryException failure = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:5", CancellationToken.None));

        Assert.Equal(status, failure.StatusCode);
        Assert.False(failure.IsPermanent);
    }

    [Fact]
    public async Task An_unreachable_SendGrid_throws_a_retryable_EmailDeliveryException()
    {
        // A port that was just free: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(new Uri($"http://127.0.0.1:{port}"))).GetRequiredService<IEmailSender>();

        EmailDeliveryException failure = await Assert.ThrowsAsync<EmailDeliveryException>(
            () => sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:6", CancellationToken.None));

        Assert.Null(failure.StatusCode);
        Assert.False(failure.IsPermanent);
        Assert.DoesNotContain(EmailTestHost.ApiKey, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_key_twice_sends_one_request_also_from_a_new_sender_on_the_same_data_directory()
    {
        Dictionary<string, string?> settings = EmailTestHost.SendGridSettings(this.stub.BaseUrl);
        IEmailSender first = this.host.Start(settings).GetRequiredService<IEmailSender>();

        await first.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:7", CancellationToken.None);
        await first.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:7", CancellationToken.None);
        Assert.Single(this.stub.Requests);

        // A new process on the same data directory.
        IEmailSender restarted = this.host.Start(settings).GetRequiredService<IEmailSender>();
        await restarted.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:7", CancellationToken.None);
        Assert.Single(this.stub.Requests);
        Assert.True(File.Exists(Path.Combine(this.host.DataDirectory, "email.db")), "the ledger is not under DataDirectory");

        await restarted.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:8", CancellationToken.None);
        Assert.Equal(2, this.stub.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_key_send_once()
    {
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(this.stub.BaseUrl)).GetRequiredService<IEmailSender>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => sender.SendAsync(EmailSamples.ApprovalRequest(), "proposal-1:9", CancellationToken.None)));

        Assert.Single(this.stub.Requests);
    }

    [Fact]
    public async Task An_invalid_message_is_refused_before_anything_is_sent()
    {
        IEmailSender sender = this.host.Start(EmailTestHost.SendGridSettings(this.stub.BaseUrl)).GetRequiredService<IEmailSender>();
        EmailMessage valid = EmailSamples.ApprovalRequest();

        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(
            new EmailMessage { To = [], Subject = "s", TextBody = "t", HtmlBody = "h" }, "k:1", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(
            new EmailMessage { To = [new EmailAddress("not an address")], Subject = "s", TextBody = "t", HtmlBody = "h" }, "k:2", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(
            new EmailMessage { To = valid.To, Subject = "two\nlines", TextBody = "t", HtmlBody = "h" }, "k:3", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(valid, " ", CancellationToken.None));

        Assert.Empty(this.stub.Requests);
    }
}
