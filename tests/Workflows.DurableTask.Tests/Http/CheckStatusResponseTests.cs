using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Workflows.DurableTask.Http;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class CheckStatusResponseTests
{
    [Fact]
    public async Task App_endpoint_answers_a_start_as_a_Durable_Functions_starter_does()
    {
        await using ManagementApiTestHost host = await CreateAsync(map: app => app.MapPost("/api/start", async (HttpRequest request, DurableTaskClient client) =>
        {
            string id = await client.ScheduleNewOrchestrationInstanceAsync("Echo", "from app", null, request.HttpContext.RequestAborted);
            return client.CreateCheckStatusResponse(request, id);
        }));

        using HttpResponseMessage response = await host.PostAsync("/api/start?code=app-key");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", MediaType(response));
        Assert.Equal(10, RetryAfterSeconds(response));
        JsonElement payload = await ReadJsonAsync(response);
        Assert.Equal(GeneratedId, payload.GetProperty("id").GetString());
        string status = $"http://localhost{Api}/instances/{GeneratedId}?code=app-key";
        Assert.Equal(status, payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://localhost{Api}/instances/{GeneratedId}/suspend?reason={{text}}&code=app-key", payload.GetProperty("suspendPostUri").GetString());
        Assert.Equal(new Uri(status), response.Headers.Location);

        host.Has(GeneratedId, OrchestrationRuntimeStatus.Completed, output: "\"from app\"");
        using HttpResponseMessage followed = await host.Http.GetAsync(new Uri(status));
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("\"from app\"", (await ReadJsonAsync(followed)).GetProperty("output").GetRawText());
    }

    [Fact]
    public async Task Links_follow_the_prefix_the_api_was_mapped_at_and_the_result_exposes_the_payload()
    {
        IResult? result = null;
        HttpManagementPayload? direct = null;
        await using ManagementApiTestHost host = await CreateAsync("ops/durable/", app => app.MapPost("/api/start", (HttpRequest request, DurableTaskClient client) =>
        {
            direct = client.CreateHttpManagementPayload("fixed-id", request);
            result = client.CreateCheckStatusResponse(request, "fixed-id");
            return result;
        }));

        using HttpResponseMessage response = await host.PostAsync("/api/start");

        JsonElement payload = await ReadJsonAsync(response);
        Assert.Equal("http://localhost/ops/durable/instances/fixed-id", payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal("http://localhost/ops/durable/instances/fixed-id/rewind?reason={text}", payload.GetProperty("rewindPostUri").GetString());
        IValueHttpResult<HttpManagementPayload> typed = Assert.IsAssignableFrom<IValueHttpResult<HttpManagementPayload>>(result);
        Assert.Equal(direct!.PurgeHistoryDeleteUri, typed.Value!.PurgeHistoryDeleteUri);
        Assert.Equal(StatusCodes.Status202Accepted, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);

        host.Has("fixed-id", OrchestrationRuntimeStatus.Completed);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/ops/durable/instances/fixed-id")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"{Api}/instances/fixed-id")).StatusCode);
        string started = await host.StartAsync("Echo", "1", api: "/ops/durable");
        Assert.Equal(GeneratedId, started);
    }

    [Fact]
    public async Task Without_the_api_mapped_the_links_use_the_Durable_Functions_prefix()
    {
        await using ManagementApiTestHost host = await CreateAsync(prefix: null, map: app => app.MapPost("/api/start", (HttpRequest request, DurableTaskClient client) =>
            client.CreateCheckStatusResponse(request, "orders/42")));

        JsonElement payload = await ReadJsonAsync(await host.PostAsync("/api/start"));

        Assert.Equal($"http://localhost{Api}/instances/orders%2F42", payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://localhost{Api}/instances/orders%2F42/raiseEvent/{{eventName}}", payload.GetProperty("sendEventPostUri").GetString());
    }

    [Fact]
    public void The_payload_names_every_link_as_Durable_Functions_does()
    {
        var payload = new HttpManagementPayload
        {
            Id = "i",
            StatusQueryGetUri = "s",
            SendEventPostUri = "e",
            TerminatePostUri = "t",
            PurgeHistoryDeleteUri = "p",
            RestartPostUri = "r",
            SuspendPostUri = "su",
            ResumePostUri = "re",
            RewindPostUri = "rw",
        };

        string json = JsonSerializer.Serialize(payload);

        Assert.Equal(
            """{"id":"i","statusQueryGetUri":"s","sendEventPostUri":"e","terminatePostUri":"t","purgeHistoryDeleteUri":"p","restartPostUri":"r","suspendPostUri":"su","resumePostUri":"re","rewindPostUri":"rw"}""",
            json);
    }
}
