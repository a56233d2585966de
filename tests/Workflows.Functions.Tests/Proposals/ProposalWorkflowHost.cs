using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflows.Governance.Email;
using Workflows.Governance.Proposals;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Proposals;

/// <summary>The whole app (the Durable Task engine on SQLite, development outbox, local documents), and the means to
/// drive a proposal through its stages. Orchestration time is the real clock: tests of reminders, escalation and
/// deadlines give <see cref="ProposalWorkflowHost(IReadOnlyDictionary{string, string})"/> delays of seconds.</summary>
public sealed class ProposalWorkflowHost : IAsyncDisposable
{
    private readonly FunctionsAppFactory factory;

    /// <summary>How long a wait for a state of the workflow may take on a busy machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public ProposalWorkflowHost()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The app with extra settings, such as short <c>Governance:Timing</c> delays.</summary>
    public ProposalWorkflowHost(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings) { ["Security:AdminKey"] = "test-admin-key" };
        this.factory = new FunctionsAppFactory(settings: all);
        this.Client = this.factory.Services.GetRequiredService<DurableTaskClient>();
        this.Outbox = this.factory.Services.GetRequiredService<DevelopmentOutbox>();
        this.Planner = this.factory.Services.GetRequiredService<ProposalPlanner>();
    }

    public DurableTaskClient Client { get; }

    public DevelopmentOutbox Outbox { get; }

    public ProposalPlanner Planner { get; }

    public IServiceProvider Services => this.factory.Services;

    /// <summary>Starts a proposal; <paramref name="stableEmailKeys"/> as every proposal planned by the app now has it,
    /// false as proposals started before anchored email keys had it.</summary>
    public async Task<string> StartAsync(string category, decimal? value = null, string? id = null, bool stableEmailKeys = false)
    {
        string proposalId = id ?? "p-" + Guid.NewGuid().ToString("N")[..10];
        var input = new ProposalInput
        {
            Id = proposalId,
            Title = "Community stroke rehabilitation",
            Summary = "Move stroke rehabilitation into the community.",
            CategoryId = category,
            BodyId = "cannock-chase-ccg",
            CommitteeId = "quality",
            Value = value,
            Plan = this.Planner.Plan("cannock-chase-ccg", "quality", category, value),
            StableEmailKeys = stableEmailKeys,
        };
        await this.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ProposalOrchestrator), input, new StartOrchestrationOptions(proposalId));
        return proposalId;
    }

    public Task DecideAsync(string instanceId, ApprovalDecision decision, string by = "Dr Test <test@example.org>", string role = "Chair", string? comment = null) =>
        this.Client.RaiseEventAsync(instanceId, ProposalEvents.Decision, new DecisionEvent(decision, by, role, comment));

    public async Task<ProposalStatus> StatusAsync(string proposalId)
    {
        OrchestrationMetadata? metadata = await this.Client.GetInstanceAsync(proposalId, getInputsAndOutputs: true);
        return metadata?.SerializedCustomStatus is { } json
            ? JsonSerializer.Deserialize<ProposalStatus>(json)!
            : new ProposalStatus { Title = string.Empty };
    }

    public async Task<ParticipantStatus?> BodyAsync(string proposalId, string bodyId)
    {
        OrchestrationMetadata? metadata = await this.Client.GetInstanceAsync(GoverningBodyApprovalOrchestrator.InstanceIdFor(proposalId, bodyId), getInputsAndOutputs: true);
        return metadata?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<ParticipantStatus>(json) : null;
    }

    /// <summary>Polls the proposal's status until the condition holds.</summary>
    public async Task<ProposalStatus> WaitForAsync(string proposalId, Func<ProposalStatus, bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            ProposalStatus status = await this.StatusAsync(proposalId);
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last status: {JsonSerializer.Serialize(status)}");
            }

            await Task.Delay(20);
        }
    }

    public async Task WaitForBodyAsync(string proposalId, string bodyId, Func<ParticipantStatus, bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (await this.BodyAsync(proposalId, bodyId) is not { } status || !condition(status))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the outbox holds at least <paramref name="count"/> messages matching the filter.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> MailAsync(Func<OutboxMessage, bool> filter, int count = 1)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            List<OutboxMessage> found = (await this.Outbox.ListAsync(CancellationToken.None)).Where(filter).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {count} matching emails; found {found.Count}");
            }

            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => this.factory.DisposeAsync();
}
