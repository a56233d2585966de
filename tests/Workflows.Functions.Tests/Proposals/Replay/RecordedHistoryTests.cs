using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Newtonsoft.Json;
using Workflows.DurableTask.Client;
using Workflows.Governance.Proposals;

namespace Workflows.Functions.Tests.Proposals.Replay;

/// <summary>Histories of the governance orchestrations, recorded on the real engine and kept as files beside this
/// test, replay by DurableTask.Core to the actions they recorded: a change to an orchestrator that would break the
/// instances in flight (another activity, another order, another timer) fails here. To record them again after an
/// intended, versioned change: <c>RECORD_HISTORIES=&lt;folder&gt; dotnet test --filter RecordedHistoryTests</c>, then copy
/// the files into <c>Histories/</c>.</summary>
public sealed class RecordedHistoryTests
{
    private const string Councils = "staffordshire-county-council";
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Proposals", "Replay", "Histories");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_recorded_history_replays_to_the_actions_it_recorded(string file)
    {
        IList<HistoryEvent> history = HistoryEventJson.Parse(File.ReadAllText(Path.Combine(Folder, file)));

        Assert.Empty(HistoryReplayer.Problems(history, Orchestrator));
    }

    [Fact]
    public void The_recordings_cover_every_governance_orchestrator_and_each_outcome()
    {
        var started = Directory.GetFiles(Folder, "*.json")
            .Select(f => HistoryEventJson.Parse(File.ReadAllText(f)))
            .Select(h => h.OfType<ExecutionStartedEvent>().Single().Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains(nameof(ProposalOrchestrator), started);
        Assert.Contains(nameof(GoverningBodyApprovalOrchestrator), started);
        Assert.True(Files().Count >= 6, "a recording per scenario");
    }

    [Fact]
    public void A_changed_orchestrator_does_not_replay_a_recorded_history()
    {
        string file = Path.Combine(Folder, "congress-approves.proposal.json");
        IList<HistoryEvent> history = HistoryEventJson.Parse(File.ReadAllText(file));

        IReadOnlyList<string> problems = HistoryReplayer.Problems(history, _ => new ChangedProposalOrchestrator());

        Assert.NotEmpty(problems);
        Assert.Contains("episode 0", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Histories_recorded_now_replay_and_match_the_recorded_files_in_shape()
    {
        string? recordTo = Environment.GetEnvironmentVariable("RECORD_HISTORIES");
        await using var host = new ProposalWorkflowHost(new Dictionary<string, string?>
        {
            ["Governance:Timing:ReminderInterval"] = "00:00:01",
            ["Governance:Timing:EscalateAfter"] = "00:00:02",
            ["Governance:Timing:DecisionDeadline"] = "00:00:06",
        });
        var recorded = new Dictionary<string, IList<HistoryEvent>>(StringComparer.Ordinal);

        // Tier 1: committee and congress approve.
        string tier1 = await host.StartAsync("service-change", 50_000);
        await host.DecideAsync(tier1, ApprovalDecision.Approve);
        await host.WaitForAsync(tier1, s => s.Stage == ProposalStage.Congress, "the congress stage");
        await host.DecideAsync(tier1, ApprovalDecision.Approve, "Congress Chair <chair@example.org>");
        await CompletedAsync(host, tier1);
        recorded["congress-approves.proposal"] = await HistoryAsync(host, tier1);

        // The congress rejects.
        string rejected = await host.StartAsync("procurement");
        await host.DecideAsync(rejected, ApprovalDecision.Approve);
        await host.WaitForAsync(rejected, s => s.Stage == ProposalStage.Congress, "the congress stage");
        await host.DecideAsync(rejected, ApprovalDecision.Reject, comment: "Not now");
        await CompletedAsync(host, rejected);
        recorded["congress-rejects.proposal"] = await HistoryAsync(host, rejected);

        // Tier 2: one body rejects, the others approve; one silent body is reminded, escalated and times out.
        string tier2 = await AtBodiesAsync(host, "policy");
        ProposalStatus status = await host.StatusAsync(tier2);
        const string silent = "nhs-england";
        await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(tier2, Councils), ApprovalDecision.Reject, "council approver", "Approver");
        foreach (ParticipantStatus body in status.Bodies.Where(b => b.Id is not Councils and not silent))
        {
            await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(tier2, body.Id), ApprovalDecision.Approve, body.Id, "Approver");
        }

        await CompletedAsync(host, tier2);
        recorded["bodies-decide.proposal"] = await HistoryAsync(host, tier2);
        recorded["bodies-decide.council-rejects"] = await HistoryAsync(host, GoverningBodyApprovalOrchestrator.InstanceIdFor(tier2, Councils));
        recorded["bodies-decide.silent-body-lapses"] = await HistoryAsync(host, GoverningBodyApprovalOrchestrator.InstanceIdFor(tier2, silent));

        // Withdrawal while the bodies decide.
        string withdrawn = await AtBodiesAsync(host, "policy");
        await host.Client.RaiseEventAsync(withdrawn, ProposalEvents.Withdraw, "Superseded by a new proposal");
        await CompletedAsync(host, withdrawn);
        recorded["withdrawn.proposal"] = await HistoryAsync(host, withdrawn);
        recorded["withdrawn.body"] = await HistoryAsync(host, GoverningBodyApprovalOrchestrator.InstanceIdFor(withdrawn, silent));

        // As the app starts proposals now: email keys anchored to the first episode (a timer due at once comes first).
        string anchored = await AtBodiesAsync(host, "policy", stableEmailKeys: true);
        foreach (ParticipantStatus body in (await host.StatusAsync(anchored)).Bodies)
        {
            await host.DecideAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(anchored, body.Id), ApprovalDecision.Approve, body.Id, "Approver");
        }

        await CompletedAsync(host, anchored);
        recorded["anchored-keys.proposal"] = await HistoryAsync(host, anchored);
        recorded["anchored-keys.body"] = await HistoryAsync(host, GoverningBodyApprovalOrchestrator.InstanceIdFor(anchored, Councils));

        foreach ((string name, IList<HistoryEvent> history) in recorded)
        {
            IReadOnlyList<string> problems = HistoryReplayer.Problems(history, Orchestrator);
            Assert.True(problems.Count == 0, $"{name}: {string.Join("\n", problems)}");
            if (recordTo is { Length: > 0 })
            {
                Directory.CreateDirectory(recordTo);
                await File.WriteAllTextAsync(Path.Combine(recordTo, name + ".json"), JsonConvert.SerializeObject(history, Formatting.Indented));
            }
        }

        // The committed recording of each scenario has the same kinds of events in the same order: the scenario still
        // exercises what it recorded.
        foreach ((string name, IList<HistoryEvent> history) in recorded)
        {
            string committed = Path.Combine(Folder, name + ".json");
            Assert.True(File.Exists(committed), $"no recorded history {name}.json");
            Assert.Equal(Shape(HistoryEventJson.Parse(await File.ReadAllTextAsync(committed))), Shape(history));
        }
    }

    private static ITaskOrchestrator Orchestrator(string name) => name switch
    {
        nameof(ProposalOrchestrator) => new ProposalOrchestrator(),
        nameof(GoverningBodyApprovalOrchestrator) => new GoverningBodyApprovalOrchestrator(),
        _ => throw new InvalidOperationException($"No orchestrator {name}."),
    };

    // The action kinds of a history: the part that is the same in every run of a scenario (timers' due times, ids and
    // arrival order of concurrent results are not).
    private static string Shape(IEnumerable<HistoryEvent> history) => string.Join(",", history
        .Where(e => e.EventType is EventType.ExecutionStarted or EventType.SubOrchestrationInstanceCreated or EventType.ExecutionCompleted
            || (e is TimerCreatedEvent created && created.EventId == 0))
        .Select(e => e.EventType));

    private static async Task<string> AtBodiesAsync(ProposalWorkflowHost host, string category, bool stableEmailKeys = false)
    {
        string id = await host.StartAsync(category, stableEmailKeys: stableEmailKeys);
        await host.DecideAsync(id, ApprovalDecision.Approve);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.Congress, "the congress stage");
        await host.DecideAsync(id, ApprovalDecision.Approve);
        await host.WaitForAsync(id, s => s.Stage == ProposalStage.GoverningBodies, "the governing bodies stage");
        return id;
    }

    private static async Task CompletedAsync(ProposalWorkflowHost host, string id)
    {
        using var patience = new CancellationTokenSource(ProposalWorkflowHost.Patience);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, patience.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    private static async Task<IList<HistoryEvent>> HistoryAsync(ProposalWorkflowHost host, string id)
    {
        using var patience = new CancellationTokenSource(ProposalWorkflowHost.Patience);
        await host.Client.WaitForInstanceCompletionAsync(id, patience.Token);
        return await host.Client.GetOrchestrationHistoryAsync(id, patience.Token);
    }
}
