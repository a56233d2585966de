using Microsoft.Data.Sqlite;
using Workflows.Durable.Client;
using Workflows.Durable.Tests.Infrastructure;

namespace Workflows.Durable.Tests.Worker;

public sealed class PoisonMessageTests
{
    [Fact]
    public async Task An_unreadable_inbox_message_holds_only_its_own_instance()
    {
        await using DurableTestHost host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("Go"))
            .AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s)));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("poisoned"));
        await host.Client.WaitForInstanceStartAsync("poisoned");

        using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            connection.Open();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Inbox (InstanceId, VisibleAt, Data) VALUES ('poisoned', 0, '{not json')";
            insert.ExecuteNonQuery();
        }

        OrchestrationMetadata other = await host.RunAsync("Echo", "still flowing");

        Assert.Equal("still flowing", other.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("poisoned"))!.RuntimeStatus);
    }
}
