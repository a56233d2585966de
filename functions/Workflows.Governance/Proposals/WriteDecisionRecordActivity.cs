using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Governance.Documents;
using Workflows.Governance.Pages;
using Workflows.Governance.Proposals.Pages;

namespace Workflows.Governance.Proposals;

/// <summary>Writes a proposal's decision record, as JSON and readable HTML, once: a record is never overwritten, and a
/// retried activity that finds it written accepts it.</summary>
[DurableTask(nameof(WriteDecisionRecordActivity))]
public sealed class WriteDecisionRecordActivity : TaskActivity<DecisionRecord, string>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly IDocumentStore documents;
    private readonly IServiceProvider services;

    /// <summary>Creates the activity; <paramref name="services"/> render the record's HTML page.</summary>
    public WriteDecisionRecordActivity(IDocumentStore documents, IServiceProvider services)
    {
        this.documents = documents;
        this.services = services;
    }

    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, DecisionRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.WriteOnceAsync(DecisionRecord.JsonPath(input.ProposalId), JsonSerializer.SerializeToUtf8Bytes(input, Json), "application/json");
        await this.WriteOnceAsync(DecisionRecord.HtmlPath(input.ProposalId), Encoding.UTF8.GetBytes(await RazorHtml.RenderAsync<DecisionRecordPage>(this.services, new Dictionary<string, object?> { [nameof(DecisionRecordPage.Record)] = input })), "text/html; charset=utf-8");
        return DecisionRecord.JsonPath(input.ProposalId);
    }

    private async Task WriteOnceAsync(string path, byte[] content, string contentType)
    {
        try
        {
            await this.documents.SaveAsync(path, content, contentType, overwrite: false, CancellationToken.None);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Written by an earlier attempt of this activity, or a record that must stand: never overwritten.
        }
    }
}
