using System.Net;
using System.Text.Json;
using Workflows.Governance.Assembly;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>GET /api/assembly.</summary>
public sealed class AssemblyApiTests
{
    [Fact]
    public async Task Get_assembly_describes_the_configuration_in_force_without_email_addresses_and_needs_the_admin_key()
    {
        await using var app = new AssemblyApiApp();

        using HttpResponseMessage response = await app.Admin.GetAsync(new Uri("/api/assembly", UriKind.Relative));
        using HttpResponseMessage anonymous = await app.Anonymous.GetAsync(new Uri("/api/assembly", UriKind.Relative));
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        AssemblyConfiguration builtIn = AssemblyConfigurationLoader.LoadBuiltIn();
        Assert.Equal(["name", "members", "designGroup", "groups"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(builtIn.Members.Select(m => m.Id), root.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(builtIn.DesignGroup.Members.Select(p => p.Name), root.GetProperty("designGroup").GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(
            builtIn.Groups.Select(g => (g.Id, g.Capacity)),
            root.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("id").GetString()!, g.GetProperty("capacity").GetInt32())));
    }
}
