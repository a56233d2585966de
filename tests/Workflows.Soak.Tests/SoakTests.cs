using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Workflows.Soak.Tests;

/// <summary>The chaos soak's short run, as the test command runs it: host processes of the self-hosted service on one
/// SQLite file, proposals and synthetic orchestrations through the HTTP API, hosts SIGKILLed and started again.</summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_quick_soak_on_sqlite_loses_nothing_and_sends_no_email_twice()
    {
        SoakOptions options = SoakOptions.Quick(SoakProvider.Sqlite, seed: 1);
        var progress = new StringWriter(new StringBuilder());

        SoakReport report = await SoakRunner.RunAsync(options, progress, CancellationToken.None);
        output.WriteLine(progress.ToString());
        output.WriteLine(report.ToJson());

        Assert.True(report.Clean, $"findings: {string.Join("; ", report.Findings)}");
        Assert.Equal(options.Kills, report.Kills);
        Assert.Equal((0, 0, 0, 0, 0), (report.Lost, report.WrongOutputs, report.DuplicateEmails, report.MissingEmails, report.HistoryProblems));
        Assert.Equal(options.Proposals, report.DecisionRecords);
        Assert.True(report.Instances >= options.Orchestrations + options.Proposals, $"{report.Instances} instances checked");
        Assert.True(report.Emails > 0 && report.DecisionsConfirmed > 0, "the proposals were decided through their emailed links");

        // The last line the program prints is this one JSON object, with the fields the issue names.
        using JsonDocument json = JsonDocument.Parse(report.ToJson());
        foreach (string field in (string[])["provider", "hosts", "orchestrations", "kills", "lost", "wrongOutputs", "duplicateEmails", "missingEmails", "recoverySecondsP50", "recoverySecondsP99"])
        {
            Assert.True(json.RootElement.TryGetProperty(field, out _), $"no {field} in the report");
        }
    }
}
