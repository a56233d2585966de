using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using static Workflows.DurableTask.Tests.Http.ManagementApiTestHost;

namespace Workflows.DurableTask.Tests.Http;

public sealed class InstanceListApiTests
{
    private const string TokenHeader = "x-ms-continuation-token";

    [Fact]
    public async Task List_is_a_json_array_of_statuses_for_the_filter_it_passes_to_the_client()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        OrchestrationQuery? asked = null;
        host.Client.GetAllInstancesAsync(Arg.Do<OrchestrationQuery?>(q => asked = q)).Returns(Pages(
            Instance("list-done-0", OrchestrationRuntimeStatus.Completed, input: "0", output: "0"),
            Instance("list-done-1", OrchestrationRuntimeStatus.Completed, input: "1", output: "1")));

        using HttpResponseMessage response = await host.GetAsync(
            $"{Api}/instances?runtimeStatus=completed,%20Failed&runtimeStatus=Terminated&instanceIdPrefix=list-&createdTimeFrom=2026-12-01T00:00:00Z&createdTimeTo=2026-12-02T10:00:00%2B02:00&top=7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", MediaType(response));
        Assert.False(response.Headers.Contains(TokenHeader));
        Assert.NotNull(asked);
        Assert.Equal([OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated], asked.Statuses);
        Assert.Equal("list-", asked.InstanceIdPrefix);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), asked.CreatedFrom);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), asked.CreatedTo);
        Assert.Equal(7, asked.PageSize);
        Assert.True(asked.FetchInputsAndOutputs);
        Assert.Null(asked.ContinuationToken);

        JsonElement done = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Array, done.ValueKind);
        Assert.Equal(["list-done-0", "list-done-1"], Ids(done));
        JsonElement second = done[1];
        Assert.Equal("Echo", second.GetProperty("name").GetString());
        Assert.Equal("Completed", second.GetProperty("runtimeStatus").GetString());
        Assert.Equal("1", second.GetProperty("input").GetRawText());
        Assert.Equal("1", second.GetProperty("output").GetRawText());
        Assert.Equal("2026-12-03T08:00:00Z", second.GetProperty("createdTime").GetString());
        Assert.Equal("2026-12-03T08:00:05Z", second.GetProperty("lastUpdatedTime").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("customStatus").ValueKind);
        Assert.False(second.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task List_without_a_filter_asks_for_a_default_page_of_everything()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        OrchestrationQuery? asked = null;
        host.Client.GetAllInstancesAsync(Arg.Do<OrchestrationQuery?>(q => asked = q)).Returns(Pages());

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances");

        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
        Assert.NotNull(asked);
        Assert.Null(asked.Statuses);
        Assert.Null(asked.InstanceIdPrefix);
        Assert.Null(asked.CreatedFrom);
        Assert.Null(asked.CreatedTo);
        Assert.Equal(OrchestrationQuery.DefaultPageSize, asked.PageSize);
    }

    [Fact]
    public async Task List_pages_through_the_continuation_token_header()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        OrchestrationMetadata[] all = Enumerable.Range(0, 5).Select(i => Instance($"page-{i}", OrchestrationRuntimeStatus.Completed)).ToArray();
        host.Client.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>()).Returns(Pages(all));

        var seen = new List<string>();
        var sizes = new List<int>();
        var tokens = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/instances?top=2", UriKind.Relative));
            if (token is not null)
            {
                request.Headers.Add(TokenHeader, token);
            }

            using HttpResponseMessage response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement page = await ReadJsonAsync(response);
            sizes.Add(page.GetArrayLength());
            seen.AddRange(Ids(page));
            token = response.Headers.TryGetValues(TokenHeader, out IEnumerable<string>? values) ? values.Single() : null;
            if (token is not null)
            {
                tokens.Add(token);
            }
        }
        while (token is not null && sizes.Count < 10);

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(["page-0", "page-1", "page-2", "page-3", "page-4"], seen);
        Assert.Equal(["after:2", "after:4"], tokens);
    }

    [Fact]
    public async Task List_with_showInput_false_leaves_out_inputs_but_not_outputs()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Client.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>()).Returns(Pages(Instance("timed", OrchestrationRuntimeStatus.Completed, input: "\"in\"", output: "\"out\"")));

        JsonElement only = Assert.Single((await ReadJsonAsync(await host.GetAsync($"{Api}/instances?showInput=false"))).EnumerateArray());

        Assert.Equal("timed", only.GetProperty("instanceId").GetString());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("input").ValueKind);
        Assert.Equal("\"out\"", only.GetProperty("output").GetRawText());
    }

    [Theory]
    [InlineData("createdTimeFrom", "yesterday")]
    [InlineData("createdTimeTo", "2026-13-45")]
    [InlineData("runtimeStatus", "Running,Sleeping")]
    [InlineData("runtimeStatus", "1")]
    [InlineData("top", "0")]
    [InlineData("top", "-3")]
    [InlineData("top", "ten")]
    [InlineData("showInput", "maybe")]
    public async Task List_with_a_bad_query_value_is_400_naming_the_parameter_and_asks_the_client_nothing(string parameter, string value)
    {
        await using ManagementApiTestHost host = await CreateAsync();

        using HttpResponseMessage response = await host.GetAsync($"{Api}/instances?{parameter}={Uri.EscapeDataString(value)}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, parameter);
        Assert.Empty(host.Client.ReceivedCalls());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task List_with_a_continuation_token_it_did_not_issue_is_400(bool argumentException)
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Client.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>()).Returns(Pages(Instance("a", OrchestrationRuntimeStatus.Completed)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Api}/instances", UriKind.Relative));
        request.Headers.Add(TokenHeader, argumentException ? "not-a-token!" : "after:many");

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, TokenHeader);
    }

    [Fact]
    public async Task List_from_a_client_that_cannot_query_is_501()
    {
        await using ManagementApiTestHost host = await CreateAsync();
        host.Client.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>()).Throws(new NotSupportedException("Provided IOrchestrationServiceClient does not implement IOrchestrationServiceQueryClient."));

        JsonElement problem = await ProblemAssert.IsProblemAsync(await host.GetAsync($"{Api}/instances"), HttpStatusCode.NotImplemented);

        Assert.DoesNotContain("IOrchestrationServiceQueryClient", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static OrchestrationMetadata Instance(string id, OrchestrationRuntimeStatus status, string? input = null, string? output = null) => new("Echo", id)
    {
        RuntimeStatus = status,
        CreatedAt = new DateTimeOffset(2026, 12, 3, 8, 0, 0, 400, TimeSpan.Zero),
        LastUpdatedAt = new DateTimeOffset(2026, 12, 3, 8, 0, 5, 0, TimeSpan.Zero),
        SerializedInput = input,
        SerializedOutput = output,
    };

    /// <summary>The instances as the SDK pages them: a page of at most the asked size, and a token "after:N" that is the
    /// position of the next page; a token of another form is refused as a store refuses one it did not issue.</summary>
    private static AsyncPageable<OrchestrationMetadata> Pages(params OrchestrationMetadata[] instances) =>
        Pageable.Create((string? token, int? size, CancellationToken _) =>
        {
            int start = 0;
            if (token is not null)
            {
                if (!token.StartsWith("after:", StringComparison.Ordinal))
                {
                    throw new ArgumentException("Not a continuation token.", nameof(token));
                }

                start = int.Parse(token["after:".Length..], CultureInfo.InvariantCulture);
            }

            int count = Math.Min(size ?? OrchestrationQuery.DefaultPageSize, instances.Length - start);
            int next = start + count;
            return Task.FromResult(new Page<OrchestrationMetadata>(instances[start..next], next < instances.Length ? $"after:{next}" : null));
        });

    private static IEnumerable<string> Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!);
}
