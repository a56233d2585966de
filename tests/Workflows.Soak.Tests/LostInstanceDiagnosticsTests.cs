using DurableTask.Core;
using DurableTask.Core.History;
using Workflows.Soak.Verification;

namespace Workflows.Soak.Tests;

/// <summary>What a finding about a lost instance carries, so that it can be followed up from the test output alone.</summary>
public sealed class LostInstanceDiagnosticsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("soak-diagnostics-").FullName;

    public void Dispose() => Directory.Delete(this.folder, recursive: true);

    [Fact]
    public void The_last_events_say_how_long_ago_each_was_written_and_why_a_task_failed()
    {
        var now = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
        HistoryEvent[] history =
        [
            new TaskScheduledEvent(4, "SendApprovalEmailActivity") { Timestamp = now.AddSeconds(-500) },
            new TaskFailedEvent(-1, 4, null, null, new FailureDetails("EmailDeliveryException", "Email approval/p-1/x is being sent by another instance.", null, null, false)) { Timestamp = now.AddSeconds(-470) },
            new TimerCreatedEvent(5, now.AddSeconds(-410)) { Timestamp = now.AddSeconds(-470) },
        ];

        string described = HistoryAudit.DescribeTimed(history, now);

        Assert.Equal(
            "TaskScheduled#4 500s ago, TaskFailed 470s ago (EmailDeliveryException: Email approval/p-1/x is being sent by another instance.), TimerCreated#5 470s ago",
            described);
    }

    [Fact]
    public void The_host_log_excerpt_keeps_the_last_lines_naming_the_instance_from_every_host()
    {
        File.WriteAllLines(Path.Combine(this.folder, "host0-0.log"), ["12:00:01.000 info: DurableTask.Core[51] prop-1:a: Executing", "12:00:02.000 info: other instance", "12:00:03.000 info: DurableTask.Core[52] prop-1:a: scheduled 1"]);
        File.WriteAllLines(Path.Combine(this.folder, "host1-0.log"), ["12:00:04.000 info: DurableTask.Core[51] prop-1:a: Executing again"]);

        string excerpt = HostLogExcerpt.For(this.folder, "prop-1:a", max: 2);

        Assert.Equal("[host0-0] 12:00:03.000 info: DurableTask.Core[52] prop-1:a: scheduled 1 | [host1-0] 12:00:04.000 info: DurableTask.Core[51] prop-1:a: Executing again", excerpt);
        Assert.Equal("(not in the host logs)", HostLogExcerpt.For(this.folder, "prop-2"));
        Assert.Equal("(no host logs)", HostLogExcerpt.For(Path.Combine(this.folder, "missing"), "prop-1:a"));
    }

    [Fact]
    public void A_server_error_finding_carries_the_host_log_lines_of_its_trace_id()
    {
        const string Trace = "00-7048a32a472fd6191b5670fd0d299f85-3355e15e65e0c159-00";
        File.WriteAllLines(Path.Combine(this.folder, "host2-1.log"), [$"12:00:05.000 fail: Workflows.Governance.Http.RequestFailureHandler[131] POST /runtime/webhooks/durabletask/orchestrators/{{name}}/{{instanceId}} failed with System.InvalidOperationException in Start; trace {Trace}.", "12:00:06.000 info: unrelated"]);
        string finding = "500 from POST /runtime/webhooks/durabletask/orchestrators/X/syn-1 on pid 7: {\"title\":\"The request failed.\",\"status\":500,\"traceId\":\"" + Trace + "\"}";

        string? log = HostLogExcerpt.ForTraceIn(this.folder, finding);

        Assert.NotNull(log);
        Assert.StartsWith("[host2-1] 12:00:05.000 fail:", log, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException in Start", log, StringComparison.Ordinal);
        Assert.Null(HostLogExcerpt.ForTraceIn(this.folder, "503 from GET /api/proposals on pid 7: busy"));
    }
}
