using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Workflows.Governance.Assembly.Pages;
using Workflows.Governance.Documents;

namespace Workflows.Governance.Assembly.Records;

/// <summary>Writes a round's record, as JSON and readable HTML, once: a record is never overwritten, and a retried
/// activity that finds it written accepts it.</summary>
[DurableTask(nameof(WriteAssemblyRecordActivity))]
public sealed class WriteAssemblyRecordActivity : TaskActivity<AssemblyRecord, string>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly IDocumentStore documents;
    private readonly AssemblyHtml html;

    /// <summary>Creates the activity.</summary>
    public WriteAssemblyRecordActivity(IDocumentStore documents, AssemblyHtml html)
    {
        this.documents = documents;
        this.html = html;
    }

    /// <inheritdoc/>
    public override async Task<string> RunAsync(TaskActivityContext context, AssemblyRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string jsonPath = AssemblyRecordPaths.Json(input.Kind, input.RoundId);
        await this.WriteOnceAsync(jsonPath, JsonSerializer.SerializeToUtf8Bytes(input.Result, input.Result.GetType(), Json), "application/json");
        string page = await this.html.RecordAsync(input);
        await this.WriteOnceAsync(AssemblyRecordPaths.Html(input.Kind, input.RoundId), Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8");
        return jsonPath;
    }

    private async Task WriteOnceAsync(string path, byte[] content, string contentType)
    {
        try
        {
            await this.documents.SaveAsync(path, content, contentType, overwrite: false, CancellationToken.None);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Written by an earlier attempt of this activity: a record stands as first written.
        }
    }
}
