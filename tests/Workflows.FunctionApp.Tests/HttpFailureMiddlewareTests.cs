using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Workflows.Functions;
using Workflows.Governance.Http;

namespace Workflows.FunctionApp.Tests;

/// <summary>The Function App's worker middleware gives a failing HTTP function the self-hosted service's answers; a
/// failure of any other trigger goes on to the Functions host.</summary>
public sealed class HttpFailureMiddlewareTests : IDisposable
{
    private readonly FunctionTestContext app = new();

    public void Dispose() => this.app.Dispose();

    [Fact]
    public async Task A_function_failing_on_busy_storage_answers_503_with_retry_after()
    {
        HttpRequest request = this.app.Request("POST", "/api/proposals", "{}");
        FunctionContext function = Function("StartProposal", request.HttpContext);

        await this.Middleware().Invoke(function, _ => throw new RequestFailedException(503, "Server busy."));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, request.HttpContext.Response.StatusCode);
        Assert.Equal("5", request.HttpContext.Response.Headers.RetryAfter.ToString());
        using JsonDocument problem = JsonDocument.Parse(Body(request));
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Any_other_failure_answers_a_bare_500_without_the_exception_message()
    {
        HttpRequest request = this.app.Request("GET", "/api/proposals");
        FunctionContext function = Function("ListProposals", request.HttpContext);

        await this.Middleware().Invoke(function, _ => throw new InvalidOperationException("AccountKey=c2VjcmV0"));

        Assert.Equal(StatusCodes.Status500InternalServerError, request.HttpContext.Response.StatusCode);
        string body = Body(request);
        Assert.DoesNotContain("AccountKey", body, StringComparison.Ordinal);
        Assert.Contains("traceId", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_that_succeeds_is_left_alone()
    {
        HttpRequest request = this.app.Request("GET", "/api/governance");
        FunctionContext function = Function("GetGovernance", request.HttpContext);
        bool ran = false;

        await this.Middleware().Invoke(function, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Equal(StatusCodes.Status200OK, request.HttpContext.Response.StatusCode);
        Assert.Empty(Body(request));
    }

    [Fact]
    public async Task A_timer_or_durable_trigger_failure_goes_on_to_the_host()
    {
        FunctionContext function = Function("PurgeFinishedInstances", http: null);

        await Assert.ThrowsAsync<RequestFailedException>(() => this.Middleware().Invoke(function, _ => throw new RequestFailedException(503, "Server busy.")));
    }

    private static FunctionContext Function(string name, HttpContext? http)
    {
        FunctionContext context = Substitute.For<FunctionContext>();
        var items = new Dictionary<object, object>();
        if (http is not null)
        {
            // Where the ASP.NET Core integration puts the request's context (read by GetHttpContext()).
            items["HttpRequestContext"] = http;
        }

        context.Items.Returns(items);
        FunctionDefinition definition = Substitute.For<FunctionDefinition>();
        definition.Name.Returns(name);
        context.FunctionDefinition.Returns(definition);
        return context;
    }

    private static string Body(HttpRequest request)
    {
        Stream body = request.HttpContext.Response.Body;
        body.Position = 0;
        return new StreamReader(body).ReadToEnd();
    }

    private HttpFailureMiddleware Middleware() => new(this.app.Services.GetRequiredService<RequestFailureHandler>());
}
