using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Workflows.DurableTask.Client;
using Workflows.DurableTask.Creation;

namespace Workflows.DurableTask.Tests.Hosting;

/// <summary>A schedule reads the instance first only when the provider cannot refuse or replace the id in its own
/// create, or when a live instance may have to be terminated first.</summary>
public sealed class ClientCreateReadTests
{
    [Fact]
    public async Task A_provider_that_checks_ids_in_its_create_is_not_read_before_a_schedule_that_refuses_live_ids()
    {
        IOrchestrationServiceClient core = Substitute.For<IOrchestrationServiceClient, IOrchestrationServiceCreateClient>();
        var client = new OrchestrationServiceDurableTaskClient("test", core);

        await client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("one"));

        await core.DidNotReceiveWithAnyArgs().GetOrchestrationStateAsync(default!, default(bool));
        await core.Received(1).CreateTaskOrchestrationAsync(
            Arg.Is<TaskMessage>(m => m.OrchestrationInstance.InstanceId == "one" && ((ExecutionStartedEvent)m.Event).Name == "Echo"),
            Arg.Is<OrchestrationStatus[]>(s => s.Order().SequenceEqual(new[] { OrchestrationStatus.Running, OrchestrationStatus.Pending, OrchestrationStatus.Suspended }.Order())));
    }

    [Fact]
    public async Task The_provider_refusal_reaches_the_caller()
    {
        IOrchestrationServiceClient core = Substitute.For<IOrchestrationServiceClient, IOrchestrationServiceCreateClient>();
        core.CreateTaskOrchestrationAsync(Arg.Any<TaskMessage>(), Arg.Any<OrchestrationStatus[]>())
            .ThrowsAsync(new OrchestrationAlreadyExistsException("An orchestration with id 'one' already exists and is Running."));
        var client = new OrchestrationServiceDurableTaskClient("test", core);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("one")));
    }

    [Fact]
    public async Task Other_providers_are_read_first_and_a_live_id_is_refused_without_a_create()
    {
        IOrchestrationServiceClient core = Substitute.For<IOrchestrationServiceClient>();
        core.GetOrchestrationStateAsync("one", false).Returns([new OrchestrationState { OrchestrationStatus = OrchestrationStatus.Running }]);
        var client = new OrchestrationServiceDurableTaskClient("test", core);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("one")));

        await core.DidNotReceiveWithAnyArgs().CreateTaskOrchestrationAsync(default!, default!);
    }

    [Fact]
    public async Task A_schedule_that_may_replace_a_live_instance_reads_first_even_on_a_provider_that_checks_ids()
    {
        IOrchestrationServiceClient core = Substitute.For<IOrchestrationServiceClient, IOrchestrationServiceCreateClient>();
        var client = new OrchestrationServiceDurableTaskClient("test", core);

        await client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("one").WithDedupeStatuses(OrchestrationRuntimeStatus.Completed));

        await core.Received(1).GetOrchestrationStateAsync("one", false);
        await core.Received(1).CreateTaskOrchestrationAsync(Arg.Any<TaskMessage>(), Arg.Any<OrchestrationStatus[]>());
    }
}
