using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;

namespace Workflows.Functions.Tests.Governance;

public sealed class GovernanceConfigurationLoaderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void A_file_is_read_with_every_setting_and_named_by_its_path()
    {
        string path = CongressFiles.Write(this.folder.Path, CongressFiles.Small);

        GovernanceConfiguration configuration = GovernanceConfigurationLoader.Load(path);

        Assert.Equal(path, configuration.Source);
        Assert.Equal("Test Congress", configuration.Congress.Name);
        Assert.Null(configuration.Congress.Secretary);
        Assert.Equal(250000.50m, configuration.Threshold);
        Assert.Equal(OutcomePolicy.Majority, configuration.Policy);
        Assert.Equal(["alpha", "beta"], configuration.Bodies.Select(b => b.Id));
        Assert.Equal(MemberBodyKind.Council, configuration.Bodies[1].Kind);
        Assert.Equal("ben@beta.example.org", configuration.Bodies[1].GoverningBody.Deputy.Email);
        Assert.Equal("fi@beta.example.org", configuration.Bodies[1].FindCommittee("finance")?.Chair.Email);
        Assert.Equal(["policy"], configuration.Bodies[1].SchemeOfDelegation.Reserved);
        Assert.True(new GovernanceConfigurationValidator().Validate(Options.DefaultName, configuration).Succeeded);
    }

    [Fact]
    public void Policy_defaults_to_unanimity_and_comments_and_trailing_commas_are_allowed()
    {
        string json = CongressFiles.Small.Replace("\"policy\": \"Majority\",", "// no policy: the default applies\n", StringComparison.Ordinal)
            .Replace("\"reserved\": [ \"policy\" ] }", "\"reserved\": [ \"policy\", ], }", StringComparison.Ordinal);

        GovernanceConfiguration configuration = GovernanceConfigurationLoader.Load(CongressFiles.Write(this.folder.Path, json));

        Assert.Equal(OutcomePolicy.Unanimity, configuration.Policy);
        Assert.Equal(["policy"], configuration.Bodies[1].SchemeOfDelegation.Reserved);
    }

    [Fact]
    public void A_missing_file_fails_with_the_setting_and_the_path()
    {
        string path = Path.Combine(this.folder.Path, "absent.json");

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => GovernanceConfigurationLoader.Load(path));

        Assert.StartsWith($"Governance:ConfigurationFile '{path}' cannot be read: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(GovernanceConfiguration), e.OptionsType);
    }

    [Fact]
    public void Malformed_json_fails_with_the_path_and_the_position()
    {
        string path = CongressFiles.Write(this.folder.Path, "{ \"threshold\": 5,\n  \"policy\": }");

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => GovernanceConfigurationLoader.Load(path));

        Assert.StartsWith($"Governance configuration '{path}' is not a valid configuration file: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_fails_instead_of_being_ignored()
    {
        string json = CongressFiles.Small.Replace("\"reserved\": [ \"policy\" ]", "\"reserve\": [ \"policy\" ]", StringComparison.Ordinal);

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => GovernanceConfigurationLoader.Load(CongressFiles.Write(this.folder.Path, json)));

        Assert.Contains("'reserve'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.bodies[1].schemeOfDelegation.reserve", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Parish\"")]
    [InlineData("1")]
    public void A_kind_that_is_not_one_of_the_names_fails_naming_its_place(string kind)
    {
        string json = CongressFiles.Small.Replace("\"kind\": \"Council\"", $"\"kind\": {kind}", StringComparison.Ordinal);

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => GovernanceConfigurationLoader.Load(CongressFiles.Write(this.folder.Path, json)));

        Assert.Contains("$.bodies[1].kind", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_where_an_object_is_required_fails_naming_it()
    {
        string json = CongressFiles.Small.Replace("\"deputy\": { \"name\": \"Ben Deputy\", \"email\": \"ben@beta.example.org\" }", "\"deputy\": null", StringComparison.Ordinal);

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => GovernanceConfigurationLoader.Load(CongressFiles.Write(this.folder.Path, json)));

        Assert.Contains("$.bodies[1].governingBody.deputy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_json_null_fails()
    {
        string path = CongressFiles.Write(this.folder.Path, "null");

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => GovernanceConfigurationLoader.Load(path));

        Assert.Equal($"Governance configuration '{path}' is null, not an object", e.Message);
    }

    public void Dispose() => this.folder.Dispose();
}
