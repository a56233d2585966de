using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Http;

public sealed class ManagementApiAdminKeyTests
{
    private const string Key = "s3cret+admin/key=";
    private const string Instances = "/runtime/webhooks/durabletask/instances";

    [Fact]
    public async Task Without_a_key_the_management_api_is_401_problem_json()
    {
        await using FunctionsAppFactory factory = WithKey(Key);
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri(Instances, UriKind.Relative));

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task With_the_key_as_x_functions_key_header_it_is_200()
    {
        await using FunctionsAppFactory factory = WithKey(Key);
        using HttpClient client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Instances, UriKind.Relative));
        request.Headers.Add("x-functions-key", Key);

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task With_the_key_as_code_parameter_it_is_200_and_the_links_it_makes_carry_the_code()
    {
        await using FunctionsAppFactory factory = WithKey(Key);
        using HttpClient client = factory.CreateClient();
        string code = Uri.EscapeDataString(Key);

        using HttpResponseMessage list = await client.GetAsync(new Uri($"{Instances}?code={code}", UriKind.Relative));
        using HttpResponseMessage start = await client.PostAsync(new Uri($"/runtime/webhooks/durabletask/orchestrators/Anything/linked?code={code}", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        using JsonDocument payload = JsonDocument.Parse(await start.Content.ReadAsStringAsync());
        string status = payload.RootElement.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal($"http://localhost{Instances}/linked?code={code}", status);
        using HttpResponseMessage followed = await client.GetAsync(new Uri(status));
        Assert.True(followed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"following the link gave {(int)followed.StatusCode}");
    }

    [Theory]
    [InlineData("x-functions-key", "wrong")]
    [InlineData("x-functions-key", "S3CRET+ADMIN/KEY=")]
    [InlineData("code", "s3cret+admin/key")]
    [InlineData("code", "s3cret+admin/key=!")]
    public async Task A_wrong_key_is_401(string where, string key)
    {
        await using FunctionsAppFactory factory = WithKey(Key);
        using HttpClient client = factory.CreateClient();
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(where == "code" ? $"{Instances}?code={Uri.EscapeDataString(key)}" : Instances, UriKind.Relative));
        if (where != "code")
        {
            request.Headers.Add(where, key);
        }

        using HttpResponseMessage response = await client.SendAsync(request);

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task Without_a_configured_key_every_admin_request_is_401_and_a_warning_says_why()
    {
        await using var factory = new FunctionsAppFactory();
        using HttpClient client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Instances}?code=", UriKind.Relative));
        request.Headers.Add("x-functions-key", string.Empty);

        using HttpResponseMessage response = await client.SendAsync(request);

        await AssertUnauthorizedAsync(response);
        Assert.Contains(factory.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Security:AdminKey", StringComparison.Ordinal));
    }

    // Only the app's own messages: ASP.NET Core's request logging (Information) writes whole URLs, query string included.
    [Fact]
    public async Task The_app_never_logs_the_key_or_a_guess()
    {
        await using FunctionsAppFactory factory = WithKey(Key);
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage wrong = await client.GetAsync(new Uri($"{Instances}?code=guess", UriKind.Relative));
        using HttpResponseMessage right = await client.GetAsync(new Uri($"{Instances}?code={Uri.EscapeDataString(Key)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(factory.Logs.Entries, e => e.Message.Contains("refused", StringComparison.Ordinal));
        Assert.DoesNotContain(
            factory.Logs.Entries.Where(e => e.Category.StartsWith("Workflows.", StringComparison.Ordinal)),
            e => e.Message.Contains(Key, StringComparison.Ordinal) || e.Message.Contains("guess", StringComparison.Ordinal));
    }

    private static FunctionsAppFactory WithKey(string key) =>
        new(settings: new Dictionary<string, string?> { ["Security:AdminKey"] = key });

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(Key, body, StringComparison.Ordinal);
    }
}
