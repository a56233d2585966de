using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Durable.Client;
using Workflows.Durable.Http;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

public sealed class CheckStatusResponseTests
{
    [Fact]
    public async Task App_endpoint_answers_a_start_as_a_Durable_Functions_starter_does()
    {
        await using ManagementApiTestHost host = await CreateAsync(map: app => app.MapPost("/api/start", async (HttpRequest request, DurableTaskClient client) =>
        {
            string id = await client.ScheduleNewOrchestrationInstanceAsync("Echo", "from app");
            return client.CreateCheckStatusResponse(request, id);
        }));

        using HttpResponseMessage response = await host.PostAsync("/api/start?code=app-key");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(10, RetryAfterSeconds(response));
        JsonElement payload = await ReadJsonAsync(response);
        string id = payload.GetProperty("id").GetString()!;
        string status = $"http://localhost{Api}/instances/{id}?code=app-key";
        Assert.Equal(status, payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"http://localhost{Api}/instances/{id}/suspend?reason={{text}}&code=app-key", payload.GetProperty("suspendPostUri").GetString());
        Assert.Equal(new Uri(status), response.Headers.Location);
        await host.WaitAsync(id);
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

        string id = await host.StartAsync("Echo", "1", api: "/ops/durable");
        await host.WaitAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/ops/durable/instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync($"{Api}/instances/{id}")).StatusCode);
    }
}
