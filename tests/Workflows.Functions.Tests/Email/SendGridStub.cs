using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflows.Functions.Tests.Email;

/// <summary>A real HTTP server on 127.0.0.1 standing in for SendGrid: it records every request and answers each with the
/// next queued response, or 202 Accepted with an empty body when none is queued.</summary>
public sealed class SendGridStub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<SendGridRequest> requests = new();
    private readonly ConcurrentQueue<(int Status, string Body)> responses = new();

    private SendGridStub(WebApplication app, ConcurrentQueue<SendGridRequest> requests, ConcurrentQueue<(int, string)> responses)
    {
        this.app = app;
        this.requests = requests;
        this.responses = responses;
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        this.BaseUrl = new Uri(address);
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<SendGridRequest> Requests => [.. this.requests];

    public static async Task<SendGridStub> StartAsync()
    {
        var requests = new ConcurrentQueue<SendGridRequest>();
        var responses = new ConcurrentQueue<(int, string)>();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            requests.Enqueue(new SendGridRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType,
                body));
            (int status, string responseBody) = responses.TryDequeue(out (int, string) next) ? next : (202, string.Empty);
            context.Response.StatusCode = status;
            if (responseBody.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(responseBody, context.RequestAborted);
            }
        });
        await app.StartAsync();
        return new SendGridStub(app, requests, responses);
    }

    /// <summary>Queues the response to the next request.</summary>
    public void RespondNext(int status, string body = "") => this.responses.Enqueue((status, body));

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }
}
