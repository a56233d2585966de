using System.Net;
using System.Text.Json;
using Workflows.Durable.Client;
using static Workflows.Durable.Tests.Http.ManagementApiTestHost;

namespace Workflows.Durable.Tests.Http;

public sealed class InstanceListApiTests
{
    [Fact]
    public async Task List_is_a_json_array_of_statuses_filtered_by_status_list_and_id_prefix()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        for (int i = 0; i < 3; i++)
        {
            await host.WaitAsync(await host.StartAsync("Echo", $"{i}", $"list-done-{i}"));
        }

        for (int i = 0; i < 2; i++)
        {
            await host.StartRunningAsync("Wait", $"list-wait-{i}");
        }

        await host.WaitAsync(await host.StartAsync("Echo", "9", "other-done"));

        JsonElement live = await ReadJsonAsync(await host.GetAsync($"{Api}/instances?runtimeStatus=Running,Pending&instanceIdPrefix=list-"));
        Assert.Equal(["list-wait-0", "list-wait-1"], Ids(live).Order());

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances?runtimeStatus=completed&instanceIdPrefix=list-");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", MediaType(response));
        Assert.False(response.Headers.Contains("x-ms-continuation-token"));
        JsonElement done = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Array, done.ValueKind);
        Assert.Equal(["list-done-0", "list-done-1", "list-done-2"], Ids(done).Order());
        JsonElement first = done.EnumerateArray().Single(e => e.GetProperty("instanceId").GetString() == "list-done-1");
        Assert.Equal("Echo", first.GetProperty("name").GetString());
        Assert.Equal("Completed", first.GetProperty("runtimeStatus").GetString());
        Assert.Equal("1", first.GetProperty("input").GetRawText());
        Assert.Equal("1", first.GetProperty("output").GetRawText());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", first.GetProperty("createdTime").GetString());
        Assert.True(first.TryGetProperty("lastUpdatedTime", out _));
        Assert.True(first.TryGetProperty("customStatus", out _));
        Assert.False(first.TryGetProperty("historyEvents", out _));

        JsonElement all = await ReadJsonAsync(await host.GetAsync($"{Api}/instances"));
        Assert.Equal(6, all.GetArrayLength());
    }

    [Fact]
    public async Task List_pages_through_the_continuation_token_header()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        for (int i = 0; i < 5; i++)
        {
            await host.WaitAsync(await host.StartAsync("Echo", "0", $"page-{i}"));
        }

        var seen = new List<string>();
        string? token = null;
        var sizes = new List<int>();
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/instances?top=2", UriKind.Relative));
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using HttpResponseMessage response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement page = await ReadJsonAsync(response);
            sizes.Add(page.GetArrayLength());
            seen.AddRange(Ids(page));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out IEnumerable<string>? values) ? values.Single() : null;
        }
        while (token is not null && sizes.Count < 10);

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(["page-0", "page-1", "page-2", "page-3", "page-4"], seen.Order());
    }

    [Fact]
    public async Task List_filters_by_created_time_and_showInput_false_leaves_out_inputs()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        await host.WaitAsync(await host.StartAsync("Echo", "\"in\"", "timed"));
        string hourAgo = DateTime.UtcNow.AddHours(-1).ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        string inAnHour = DateTime.UtcNow.AddHours(1).ToString("o", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, (await ReadJsonAsync(await host.GetAsync($"{Api}/instances?createdTimeFrom={inAnHour}"))).GetArrayLength());
        Assert.Equal(0, (await ReadJsonAsync(await host.GetAsync($"{Api}/instances?createdTimeTo=2000-01-01T00:00:00Z"))).GetArrayLength());
        JsonElement inRange = await ReadJsonAsync(await host.GetAsync($"{Api}/instances?createdTimeFrom={hourAgo}&createdTimeTo={inAnHour}&showInput=false"));

        JsonElement only = Assert.Single(inRange.EnumerateArray());
        Assert.Equal("timed", only.GetProperty("instanceId").GetString());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("input").ValueKind);
        Assert.Equal("\"in\"", only.GetProperty("output").GetRawText());
    }

    [Theory]
    [InlineData("createdTimeFrom", "yesterday")]
    [InlineData("createdTimeTo", "2026-13-45")]
    [InlineData("runtimeStatus", "Running,Sleeping")]
    [InlineData("runtimeStatus", "1")]
    [InlineData("top", "0")]
    [InlineData("top", "ten")]
    [InlineData("showInput", "maybe")]
    public async Task List_with_a_bad_query_value_is_400_naming_the_parameter(string parameter, string value)
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances?{parameter}={Uri.EscapeDataString(value)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task List_with_a_continuation_token_it_did_not_issue_is_400()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/instances", UriKind.Relative));
        request.Headers.Add("x-ms-continuation-token", "not-a-token!");

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "x-ms-continuation-token");
    }

    private static IEnumerable<string> Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!);
}
