using Microsoft.Extensions.Configuration;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Functions.Tests.Proposals.Http;

public sealed class ProposalApiOptionsTests
{
    [Fact]
    public void Unset_limits_are_10_MB_per_paper_and_10_papers_and_the_body_limit_fits_them_all_in_base64()
    {
        ProposalApiOptions options = ProposalApiOptions.From(new ConfigurationBuilder().Build());

        Assert.Equal(10L * 1024 * 1024, options.MaxDocumentBytes);
        Assert.Equal(10, options.MaxDocuments);
        Assert.True(options.MaxRequestBodyBytes >= 10 * Convert.ToBase64String(new byte[10 * 1024 * 1024]).Length);
    }

    [Fact]
    public void Configured_limits_are_read_from_the_governance_section()
    {
        ProposalApiOptions options = ProposalApiOptions.From(Configuration(("Governance:MaxDocumentBytes", "2048"), ("Governance:MaxDocuments", "0")));

        Assert.Equal(2048, options.MaxDocumentBytes);
        Assert.Equal(0, options.MaxDocuments);
    }

    [Fact]
    public void Out_of_range_limits_fail_naming_each_key_and_value()
    {
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(
            () => ProposalApiOptions.From(Configuration(("Governance:MaxDocumentBytes", "0"), ("Governance:MaxDocuments", "-1"))));

        Assert.Contains("Governance:MaxDocumentBytes must be from 1 to 268435456, but is 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("Governance:MaxDocuments must be from 0 to 100, but is -1", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
