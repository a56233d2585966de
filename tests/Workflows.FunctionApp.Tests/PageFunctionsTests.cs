using Microsoft.DurableTask.Client;
using NSubstitute;
using Workflows.Functions;

namespace Workflows.FunctionApp.Tests;

/// <summary>The approval pages, the dashboard and the outbox as functions, against a substituted client.</summary>
public sealed class PageFunctionsTests : IDisposable
{
    private readonly FunctionTestContext app = new();
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("functions");

    [Fact]
    public async Task A_tampered_approval_link_gets_a_readable_400_page_and_reads_no_instance()
    {
        var request = this.app.Request("GET", "/approvals/not-a-real-token", admin: false);

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, await new ApprovalFunctions(this.app.Http).ShowAsync(request, this.client, "not-a-real-token"));

        Assert.Equal(400, status);
        Assert.StartsWith("text/html", contentType, StringComparison.Ordinal);
        Assert.Contains("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        await this.client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task A_confirmation_without_the_anti_forgery_token_is_refused_and_raises_nothing()
    {
        var request = this.app.Request("POST", "/approvals/not-a-real-token", "decision=Approve", admin: false, contentType: "application/x-www-form-urlencoded");

        var (status, _, _, _) = await FunctionTestContext.RunAsync(request, await new ApprovalFunctions(this.app.Http).ConfirmAsync(request, this.client, "not-a-real-token"));

        Assert.Equal(400, status);
        await this.client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task Dashboard_pages_without_a_session_redirect_to_sign_in_and_read_nothing()
    {
        var request = this.app.Request("GET", "/dashboard/proposals", admin: false);

        var (status, _, _, headers) = await FunctionTestContext.RunAsync(request, await new DashboardFunctions(this.app.Http).ProposalsAsync(request, this.client));

        Assert.Equal(302, status);
        Assert.Equal("/dashboard/signin?returnUrl=%2Fdashboard%2Fproposals", headers.Location.ToString());
        await this.client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task A_dashboard_action_without_a_session_redirects_and_changes_nothing()
    {
        var request = this.app.Request("POST", "/dashboard/instances/p-1/terminate", "reason=x", admin: false, contentType: "application/x-www-form-urlencoded");

        var (status, _, _, headers) = await FunctionTestContext.RunAsync(request, await new DashboardFunctions(this.app.Http).ActionAsync(request, this.client, "p-1", "terminate"));

        Assert.Equal(302, status);
        Assert.Equal("/dashboard/signin", headers.Location.ToString());
        await this.client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task The_sign_in_page_is_html_with_an_anti_forgery_field()
    {
        var request = this.app.Request("GET", "/dashboard/signin", admin: false);

        var (status, contentType, body, _) = await FunctionTestContext.RunAsync(request, new DashboardFunctions(this.app.Http).SignInPage(request));

        Assert.Equal(200, status);
        Assert.StartsWith("text/html", contentType, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbox_is_served_without_a_SendGrid_key_and_is_404_with_one()
    {
        var request = this.app.Request("GET", "/dev/outbox", admin: false);
        var (status, _, _, _) = await FunctionTestContext.RunAsync(request, await new OutboxFunctions(this.app.Http).ListAsync(request));
        Assert.Equal(200, status);

        using var withSendGrid = new FunctionTestContext(new Dictionary<string, string?>
        {
            ["Email:SendGrid:ApiKey"] = "SG.test-key",
            ["Email:FromAddress"] = "congress@example.org",
        });
        var other = withSendGrid.Request("GET", "/dev/outbox", admin: false);
        var (otherStatus, _, _, _) = await FunctionTestContext.RunAsync(other, await new OutboxFunctions(withSendGrid.Http).ListAsync(other));
        Assert.Equal(404, otherStatus);
    }

    public void Dispose() => this.app.Dispose();
}
