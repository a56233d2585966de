using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Workflows.Functions.Proposals;

namespace Workflows.Functions.Tests.Proposals.Http;

public sealed class ProposalLiveStatusTests(FastRemindersApp app) : IClassFixture<FastRemindersApp>
{
    [Fact]
    public async Task At_the_governing_bodies_get_shows_each_bodys_live_reminders_and_escalation()
    {
        string id = await app.AtGoverningBodiesAsync("policy");

        JsonElement live = await app.WaitForAsync(
            id,
            p => p.GetProperty("bodies").EnumerateArray().All(b => b.GetProperty("remindersSent").GetInt32() >= 1 && b.GetProperty("escalated").GetBoolean()),
            "reminders and escalation on every body");

        // The proposal itself records a body's state only when its approval ends: the live state comes from the body's workflow.
        OrchestrationMetadata? proposal = await app.Durable.GetInstanceAsync(id, getInputsAndOutputs: true);
        ProposalStatus recorded = proposal!.ReadCustomStatusAs<ProposalStatus>()!;
        Assert.All(recorded.Bodies, b => Assert.Equal(0, b.RemindersSent));
        Assert.All(recorded.Bodies, b => Assert.False(b.Escalated));
        Assert.All(live.GetProperty("bodies").EnumerateArray(), b => Assert.Equal("Pending", b.GetProperty("state").GetString()));
        Assert.Equal("GoverningBodies", live.GetProperty("stage").GetString());

        using HttpResponseMessage withdraw = await app.PostAsync($"/api/proposals/{id}/withdraw", """{ "reason": "End of test" }""");
        Assert.Equal(HttpStatusCode.Accepted, withdraw.StatusCode);
        await app.WaitForAsync(id, p => p.GetProperty("runtimeStatus").GetString() == "Completed", "the withdrawal");
    }
}
