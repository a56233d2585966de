using Workflows.DurableTask.Configuration;

namespace Workflows.DurableTask.Tests.Configuration;

/// <summary>Connections are found as Azure Functions finds them.</summary>
public sealed class ConnectionSettingTests
{
    [Fact]
    public void A_plain_key_wins_over_ConnectionStrings()
    {
        var configuration = ProviderSelectionTests.Configure(("!Store", "plain"), ("!ConnectionStrings:Store", "named"));

        Assert.Equal("plain", ConnectionSetting.Find(configuration, "Store")!.ConnectionString);
    }

    [Fact]
    public void ConnectionStrings_is_read_when_there_is_no_plain_key()
    {
        var configuration = ProviderSelectionTests.Configure(("!ConnectionStrings:Store", "named"));

        Assert.Equal("named", ConnectionSetting.Find(configuration, "Store")!.ConnectionString);
    }

    [Fact]
    public void A_section_is_an_identity_based_connection()
    {
        var configuration = ProviderSelectionTests.Configure(("!Store:accountName", "governance"));

        ConnectionSetting setting = ConnectionSetting.Find(configuration, "Store")!;

        Assert.Null(setting.ConnectionString);
        Assert.Equal("governance", setting.Section!["accountName"]);
    }

    [Fact]
    public void Nothing_set_is_no_connection()
    {
        Assert.Null(ConnectionSetting.Find(ProviderSelectionTests.Configure(("!Other", "x"), ("!Store", " ")), "Store"));
    }
}
