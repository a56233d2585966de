using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Functions.Documents;

namespace Workflows.Functions.Proposals;

/// <summary>Writes a proposal's decision record, as JSON and readable HTML, once: a record is never overwritten, and a
/// retried activity that finds it written accepts it.</summary>
[DurableTask(nameof(WriteDecisionRecordActivity))]
public sealed class WriteDecisionRecordActivity : TaskActivity<DecisionRecord, string>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly IDocumentStore documents;

    /// <summary>Creates the activity.</summary>
    public WriteDecisionRecordActivity(IDocumentStore documents)
    {
        this.documents = documents;
    }

    /// <summary>The readable HTML of a decision record.</summary>
    public static string ToHtml(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        HtmlEncoder e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Decision record: {e.Encode(record.Title)}</title></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Decision record: {e.Encode(record.Title)}</h1><dl>");
        void Row(string label, string? value) => html.Append(CultureInfo.InvariantCulture, $"<dt>{e.Encode(label)}</dt><dd>{e.Encode(value ?? "-")}</dd>");
        Row("Proposal", record.ProposalId);
        Row("Outcome", record.Status.Outcome);
        Row("Tier", record.Status.Tier is { } tier ? $"{tier}: {record.Status.TierReason}" : "not reached");
        Row("Category", record.CategoryId);
        Row("Raised by", $"{record.CommitteeId} of {record.BodyId}");
        Row("Value", record.Value?.ToString("N2", CultureInfo.InvariantCulture));
        Row("Summary", record.Summary);
        Row("Decided at", record.DecidedAt.ToString("u", CultureInfo.InvariantCulture));
        html.Append("</dl><h2>Decisions</h2><table><thead><tr><th>Who</th><th>State</th><th>Decided by</th><th>At</th><th>Comment</th><th>Reminders</th><th>Escalated</th></tr></thead><tbody>");
        foreach (ParticipantStatus p in new[] { record.Status.Committee, record.Status.Congress }.OfType<ParticipantStatus>().Concat(record.Status.Bodies))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Encode(p.Name)}</td><td>{e.Encode(p.State)}</td><td>{e.Encode(p.DecidedBy ?? "")}</td><td>{e.Encode(p.DecidedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "")}</td><td>{e.Encode(p.Comment ?? "")}</td><td>{p.RemindersSent}</td><td>{(p.Escalated ? "yes" : "no")}</td></tr>");
        }

        html.Append("</tbody></table><h2>Papers</h2><ul>");
        foreach (PaperReference paper in record.Papers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{e.Encode(paper.Name)} ({e.Encode(paper.ContentType)}, {paper.Length} bytes)</li>");
        }

        html.Append("</ul></body></html>");
        return html.ToString();
    }

    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, DecisionRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.WriteOnceAsync(DecisionRecord.JsonPath(input.ProposalId), JsonSerializer.SerializeToUtf8Bytes(input, Json), "application/json");
        await this.WriteOnceAsync(DecisionRecord.HtmlPath(input.ProposalId), Encoding.UTF8.GetBytes(ToHtml(input)), "text/html; charset=utf-8");
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
