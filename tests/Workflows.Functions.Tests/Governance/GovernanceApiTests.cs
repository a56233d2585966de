using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Governance;

public sealed class GovernanceApiTests
{
    private const string AdminKey = "governance-admin-key";

    [Fact]
    public async Task Get_governance_describes_the_built_in_congress_without_email_addresses()
    {
        await using FunctionsAppFactory factory = App();
        using HttpClient client = AdminClient(factory);

        using HttpResponseMessage response = await client.GetAsync(new Uri("/api/governance", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
        Assert.DoesNotContain("email", body, StringComparison.OrdinalIgnoreCase);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        Assert.Equal(["bodies", "congress", "categories", "threshold", "policy"], Names(root));
        Assert.Equal(1_000_000m, root.GetProperty("threshold").GetDecimal());
        Assert.Equal("Unanimity", root.GetProperty("policy").GetString());
        Assert.Equal(["name"], Names(root.GetProperty("congress")));
        Assert.Equal("Staffordshire Commissioning Congress", root.GetProperty("congress").GetProperty("name").GetString());

        JsonElement[] bodies = [.. root.GetProperty("bodies").EnumerateArray()];
        Assert.Equal(9, bodies.Length);
        JsonElement council = bodies[6];
        Assert.Equal(["id", "name", "kind", "governingBody", "committees"], Names(council));
        Assert.Equal("staffordshire-county-council", council.GetProperty("id").GetString());
        Assert.Equal("Staffordshire County Council", council.GetProperty("name").GetString());
        Assert.Equal("Council", council.GetProperty("kind").GetString());
        Assert.Equal(["name"], Names(council.GetProperty("governingBody")));
        Assert.Equal("Staffordshire County Council Cabinet", council.GetProperty("governingBody").GetProperty("name").GetString());
        JsonElement committee = council.GetProperty("committees")[1];
        Assert.Equal(["id", "name"], Names(committee));
        Assert.Equal("quality", committee.GetProperty("id").GetString());
        Assert.Equal(
            ["health-and-wellbeing", "quality", "finance"],
            council.GetProperty("committees").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("ClinicalCommissioningGroup", bodies[0].GetProperty("kind").GetString());
        Assert.Equal("NhsEngland", bodies[8].GetProperty("kind").GetString());

        Dictionary<string, JsonElement> categories = root.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(8, categories.Count);
        Assert.Equal(["id", "name", "reservedBy"], Names(categories["policy"]));
        Assert.Equal("Policy", categories["policy"].GetProperty("name").GetString());
        Assert.Equal(["staffordshire-county-council", "stoke-on-trent-city-council"], ReservedBy(categories["policy"]));
        Assert.Equal(["cannock-chase-ccg", "north-staffordshire-ccg", "stafford-surrounds-ccg", "nhs-england"], ReservedBy(categories["primary-care-commissioning"]));
        Assert.Empty(ReservedBy(categories["service-change"]));
        Assert.Empty(ReservedBy(categories["procurement"]));
    }

    [Fact]
    public async Task A_configured_file_replaces_the_built_in_congress()
    {
        using var folder = new TemporaryFolder();
        string path = CongressFiles.Write(folder.Path, CongressFiles.Small);
        await using FunctionsAppFactory factory = App(path);
        using HttpClient client = AdminClient(factory);

        using JsonDocument json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/governance", UriKind.Relative)));
        JsonElement root = json.RootElement;

        Assert.Equal(["alpha", "beta"], root.GetProperty("bodies").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.Equal("Test Congress", root.GetProperty("congress").GetProperty("name").GetString());
        Assert.Equal(250000.50m, root.GetProperty("threshold").GetDecimal());
        Assert.Equal("Majority", root.GetProperty("policy").GetString());
        Assert.Equal(["beta"], ReservedBy(root.GetProperty("categories")[0]));
        Assert.Empty(ReservedBy(root.GetProperty("categories")[1]));
    }

    [Fact]
    public async Task An_invalid_configuration_file_fails_start_listing_every_problem()
    {
        using var folder = new TemporaryFolder();
        string json = CongressFiles.Small
            .Replace("\"id\": \"beta\"", "\"id\": \"alpha\"", StringComparison.Ordinal)
            .Replace("\"reserved\": [ \"policy\" ]", "\"reserved\": [ \"policy\", \"finance\" ]", StringComparison.Ordinal)
            .Replace("\"email\": \"dan@alpha.example.org\"", "\"email\": \"dan at alpha\"", StringComparison.Ordinal)
            .Replace("\"threshold\": 250000.50", "\"threshold\": -1", StringComparison.Ordinal);
        string path = CongressFiles.Write(folder.Path, json);
        OptionsValidationException e = await StartFailure.OfAsync(() => App(path));

        string prefix = $"Governance configuration '{path}': ";
        Assert.Equal(typeof(GovernanceConfiguration), e.OptionsType);
        Assert.Equal(
            [
                prefix + "bodies[0] (alpha).governingBody.deputy.email 'dan at alpha' is not a valid email address",
                prefix + "duplicate body id 'alpha' in bodies[0] and bodies[1]",
                prefix + "bodies[1] (alpha).schemeOfDelegation.reserved names unknown category 'finance'",
                prefix + "threshold must be zero or more, but is -1",
            ],
            e.Failures);
    }

    [Fact]
    public async Task A_missing_configuration_file_fails_start_naming_the_setting_and_the_path()
    {
        using var folder = new TemporaryFolder();
        string path = System.IO.Path.Combine(folder.Path, "missing.json");
        OptionsValidationException e = await StartFailure.OfAsync(() => App(path));

        Assert.StartsWith($"Governance:ConfigurationFile '{path}' cannot be read: ", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_governance_is_an_admin_route()
    {
        await using FunctionsAppFactory factory = App();
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/api/governance", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("cannock", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static FunctionsAppFactory App(string? configurationFile = null)
    {
        var settings = new Dictionary<string, string?> { ["Security:AdminKey"] = AdminKey };
        if (configurationFile is not null)
        {
            settings["Governance:ConfigurationFile"] = configurationFile;
        }

        return new FunctionsAppFactory(settings: settings);
    }

    private static HttpClient AdminClient(FunctionsAppFactory factory)
    {
        HttpClient client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return client;
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string[] ReservedBy(JsonElement category) =>
        [.. category.GetProperty("reservedBy").EnumerateArray().Select(b => b.GetString()!)];
}
