using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.DurableTask.Client;
using Workflows.Functions.Tests.Governance;
using Workflows.Functions.Tests.Infrastructure;
using Workflows.Governance.Http;

namespace Workflows.Functions.Tests.Hosting;

/// <summary>A request that fails with an exception: a busy store answers 503 with Retry-After, anything else a bare 500;
/// neither the response nor the log line carries the exception's message or stack trace.</summary>
public sealed class RequestFailureHandlerTests : IDisposable
{
    private const string Secret = "AccountKey=c2VjcmV0LWtleQ==";

    private const string LinkToken = "CfDJ8signed-link-token";

    private readonly TemporaryFolder folder = new();
    private readonly CollectingLoggerProvider logs = new();
    private readonly ServiceProvider services;

    public RequestFailureHandlerTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.AddProvider(this.logs));
        collection.AddProblemDetails();
        collection.AddSingleton<RequestFailureHandler>();
        this.services = collection.BuildServiceProvider();
    }

    public void Dispose()
    {
        this.services.Dispose();
        SqliteConnection.ClearAllPools();
        this.folder.Dispose();
    }

    [Fact]
    public async Task A_sqlite_file_held_by_another_writer_answers_503_with_retry_after()
    {
        string path = Path.Combine(this.folder.Path, "busy.db");
        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        Execute(holder, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=1");
        writer.Open();
        Execute(writer, "PRAGMA busy_timeout = 0;");
        SqliteException busy = Assert.Throws<SqliteException>(() => Execute(writer, "BEGIN IMMEDIATE;"));

        (HttpContext context, JsonElement problem) = await this.HandleAsync(new InvalidOperationException("The write failed.", busy));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(((int)RequestFailureHandler.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains(this.logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("503", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(0)]
    public async Task Azure_storage_that_is_busy_or_unreachable_answers_503(int status)
    {
        (HttpContext context, _) = await this.HandleAsync(new RequestFailedException(status, "The server is busy."));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task An_event_refused_because_the_instance_has_not_started_answers_503_with_its_retry_time()
    {
        (HttpContext context, JsonElement problem) = await this.HandleAsync(new InstanceNotStartedException("p-1", TimeSpan.FromSeconds(7.2), "not started"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("8", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("The workflow has not started yet.", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Azure_storage_that_refuses_answers_500_since_a_retry_would_not_help(int status)
    {
        (HttpContext context, _) = await this.HandleAsync(new RequestFailedException(status, "Forbidden."));

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
    }

    [Fact]
    public async Task Any_other_failure_answers_500_with_a_trace_id_and_neither_the_response_nor_the_log_holds_its_message_or_stack()
    {
        Exception failure = Thrown(() => throw new InvalidOperationException($"Could not open {Secret}."));

        (HttpContext context, JsonElement problem) = await this.HandleAsync(failure);

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        string traceId = problem.GetProperty("traceId").GetString()!;
        Assert.False(string.IsNullOrEmpty(traceId));
        string body = problem.GetRawText();
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        (string _, LogLevel level, string line) = Assert.Single(this.logs.Entries, e => e.Category == typeof(RequestFailureHandler).FullName);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains(nameof(InvalidOperationException), line, StringComparison.Ordinal);
        Assert.Contains(traceId, line, StringComparison.Ordinal);
        Assert.Contains(nameof(RequestFailureHandlerTests), line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.Contains("/approve/{token}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkToken, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_that_accepts_no_json_gets_a_readable_text_answer()
    {
        (HttpContext context, string text) = await this.HandleRawAsync(new InvalidOperationException(Secret), accept: "text/html");

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.StartsWith("text/plain", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("The request failed.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("Nothing was thrown.");
    }

    private async Task<(HttpContext Context, JsonElement Problem)> HandleAsync(Exception exception)
    {
        (HttpContext context, string text) = await this.HandleRawAsync(exception, accept: "application/json");
        using JsonDocument json = JsonDocument.Parse(text);
        return (context, json.RootElement.Clone());
    }

    private async Task<(HttpContext Context, string Text)> HandleRawAsync(Exception exception, string accept)
    {
        var context = new DefaultHttpContext { RequestServices = this.services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = $"/approve/{LinkToken}";
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/approve/{token}"), 0, EndpointMetadataCollection.Empty, "ShowApproval");
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = exception, Endpoint = endpoint, Path = context.Request.Path });
        context.Request.Headers.Accept = accept;
        using var body = new MemoryStream();
        context.Response.Body = body;

        bool handled = await this.services.GetRequiredService<RequestFailureHandler>().TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled);
        return (context, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
