using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals.Http;

/// <summary>The limits of the proposal API, from the <c>Governance</c> section (<c>Governance:MaxDocumentBytes</c>,
/// <c>Governance:MaxDocuments</c>).</summary>
public sealed class ProposalApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = GovernanceConfiguration.SectionName;

    /// <summary>The default largest paper: 10 MB.</summary>
    public const long DefaultMaxDocumentBytes = 10L * 1024 * 1024;

    /// <summary>The default largest number of papers per proposal.</summary>
    public const int DefaultMaxDocuments = 10;

    /// <summary>The largest value accepted for <see cref="MaxDocumentBytes"/>: 256 MB, since a request carries papers in memory.</summary>
    public const long LargestMaxDocumentBytes = 256L * 1024 * 1024;

    /// <summary>The largest value accepted for <see cref="MaxDocuments"/>.</summary>
    public const int LargestMaxDocuments = 100;

    // Room for the request's JSON around its papers.
    private const long EnvelopeBytes = 1024 * 1024;

    /// <summary>The largest paper accepted, in bytes (after base64 decoding).</summary>
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>The most papers one proposal may have.</summary>
    public int MaxDocuments { get; set; } = DefaultMaxDocuments;

    /// <summary>The largest start request accepted: every paper at its largest, base64-encoded, plus the rest of the JSON.</summary>
    public long MaxRequestBodyBytes => (this.MaxDocuments * ((this.MaxDocumentBytes + 2) / 3 * 4)) + EnvelopeBytes;

    /// <summary>Binds the options from <paramref name="configuration"/> and checks them.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range; the message names each key and its value.</exception>
    public static ProposalApiOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ProposalApiOptions();
        configuration.GetSection(SectionName).Bind(options);
        var failures = new List<string>();
        if (options.MaxDocumentBytes is < 1 or > LargestMaxDocumentBytes)
        {
            failures.Add($"{SectionName}:{nameof(MaxDocumentBytes)} must be from 1 to {LargestMaxDocumentBytes}, but is {options.MaxDocumentBytes}");
        }

        if (options.MaxDocuments is < 0 or > LargestMaxDocuments)
        {
            failures.Add($"{SectionName}:{nameof(MaxDocuments)} must be from 0 to {LargestMaxDocuments}, but is {options.MaxDocuments}");
        }

        return failures.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", failures) + ".");
    }
}
