using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Soak;

/// <summary>The result of a soak run: the last line the program prints.</summary>
public sealed class SoakReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The store: <c>sqlite</c> or <c>azurestorage</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>Host processes running at once.</summary>
    public int Hosts { get; init; }

    /// <summary>Synthetic orchestrations started (their sub-orchestrations are counted in <see cref="Instances"/>).</summary>
    public int Orchestrations { get; init; }

    /// <summary>Governance proposals started.</summary>
    public int Proposals { get; init; }

    /// <summary>The seed.</summary>
    public int Seed { get; init; }

    /// <summary>SIGKILLs of a host process.</summary>
    public int Kills { get; set; }

    /// <summary>Every instance the run must end with (proposals, governing bodies, orchestrations, sub-orchestrations).</summary>
    public int Instances { get; set; }

    /// <summary>Instances that did not end Completed (missing, still running, failed or terminated).</summary>
    public int Lost { get; set; }

    /// <summary>Instances that ended Completed with an output other than a crash-free run gives.</summary>
    public int WrongOutputs { get; set; }

    /// <summary>Instances in the store that the run did not ask for.</summary>
    public int UnexpectedInstances { get; set; }

    /// <summary>Emails checked (those the outbox holds).</summary>
    public int Emails { get; set; }

    /// <summary>Emails delivered more than once for one request: extra messages for one (instance, task) slot, and
    /// extra stores of one idempotency key in the hosts' logs.</summary>
    public int DuplicateEmails { get; set; }

    /// <summary>Emails a crash-free run sends that the outbox does not hold.</summary>
    public int MissingEmails { get; set; }

    /// <summary>Emails for requests a crash-free run does not make.</summary>
    public int UnexpectedEmails { get; set; }

    /// <summary>Decision records found (one per proposal).</summary>
    public int DecisionRecords { get; set; }

    /// <summary>Proposals without exactly one record (JSON and HTML) with their outcome, or whose record was written by
    /// more than one activity call.</summary>
    public int DecisionRecordProblems { get; set; }

    /// <summary>Histories read and checked.</summary>
    public int Histories { get; set; }

    /// <summary>History problems: gaps, repeats, unanswered or twice-answered tasks.</summary>
    public int HistoryProblems { get; set; }

    /// <summary>Responses recorded twice with the same result (a redelivery, which DurableTask.Core ignores).</summary>
    public int RedeliveredResponses { get; set; }

    /// <summary>(Kill, instance) pairs whose instance had work held up by the kill.</summary>
    public int AffectedInstances { get; set; }

    /// <summary>Median time for such an instance to move again after its host died, seconds.</summary>
    public double RecoverySecondsP50 { get; set; }

    /// <summary>99th percentile of the same.</summary>
    public double RecoverySecondsP99 { get; set; }

    /// <summary>The longest of the same.</summary>
    public double RecoverySecondsMax { get; set; }

    /// <summary>Decisions confirmed through the approval pages.</summary>
    public int DecisionsConfirmed { get; set; }

    /// <summary>Event raises refused with 409 because the instance had not started (Azure Storage), each tried again.</summary>
    public int EventsHeldForStart { get; set; }

    /// <summary>The pages confirmations ended on, by name.</summary>
    public SortedDictionary<string, int> ConfirmationPages { get; init; } = new(StringComparer.Ordinal);

    /// <summary>5xx answers (each retried on another process; informational).</summary>
    public int ServerErrors { get; set; }

    /// <summary>503 answers with Retry-After (the store was busy), each retried after the wait it asked for; informational.</summary>
    public int StoreBusyAnswers { get; set; }

    /// <summary>Requests whose connection dropped or timed out (each retried; expected when a process is killed).</summary>
    public int ConnectionFailures { get; set; }

    /// <summary>Host processes started in all (the first ones and every replacement).</summary>
    public int ProcessesStarted { get; set; }

    /// <summary>From the first start to the last instance finished, seconds.</summary>
    public double WorkloadSeconds { get; set; }

    /// <summary>The whole run, seconds.</summary>
    public double DurationSeconds { get; set; }

    /// <summary>The run's folder when it was kept (<c>--keep</c>), else null.</summary>
    public string? KeptFolder { get; set; }

    /// <summary>The first problems found, for a person to follow up.</summary>
    public List<string> Findings { get; } = [];

    /// <summary>Whether nothing was lost, wrong, duplicated or missing.</summary>
    public bool Clean => this.Lost == 0 && this.WrongOutputs == 0 && this.UnexpectedInstances == 0 && this.DuplicateEmails == 0
        && this.MissingEmails == 0 && this.UnexpectedEmails == 0 && this.DecisionRecordProblems == 0 && this.HistoryProblems == 0;

    /// <summary>Notes a finding (the first 40 are kept).</summary>
    public void Find(string finding)
    {
        if (this.Findings.Count < 40)
        {
            this.Findings.Add(finding.Length > 1500 ? finding[..1500] + "..." : finding);
        }
    }

    /// <summary>The report as one line of JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
