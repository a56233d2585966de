using Workflows.Fuzz;

namespace Workflows.Fuzz.Tests;

public sealed class FuzzTests
{
    [Fact]
    public async Task A_short_seeded_run_against_a_started_service_finds_no_server_error_leak_or_state_change()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        FuzzReport report = await FuzzRunner.RunAsync(new FuzzOptions(Requests: 1500, Seed: 20261203, Url: null, AdminKey: null), TextWriter.Null, deadline.Token);

        Assert.True(report.Clean, report.ToJson());
        Assert.Equal(1500, report.Requests);
        Assert.True(report.StateChecks > 0, "no batch was compared: every batch had an accepted change");
        Assert.All((string[])["admin", "management", "approval", "assembly", "dashboard", "outbox", "paths"], s => Assert.True(report.BySurface.GetValueOrDefault(s) > 0, $"no request to {s}"));
        Assert.Contains(report.ByStatus.Keys, s => s == 401);
        Assert.Contains(report.ByStatus.Keys, s => s == 400);
    }

    [Theory]
    [InlineData("""{"title":"x","detail":"boom\n   at Workflows.Governance.Proposals.Http.StartProposalEndpoint.HandleAsync(HttpContext context)"}""", "a stack trace")]
    [InlineData("fail: request failed with System.InvalidOperationException: nope", "an exception type (System.InvalidOperationException)")]
    [InlineData("the key is 0123456789abcdef, keep it", "a secret")]
    public void A_stack_trace_an_exception_name_or_a_secret_is_a_leak(string text, string expected)
    {
        Assert.Equal(expected, FuzzRunner.Leak(text, ["0123456789abcdef"]));
    }

    [Fact]
    public void A_problem_without_internals_is_not_a_leak()
    {
        Assert.Null(FuzzRunner.Leak("""{"title":"Unauthorized","status":401,"detail":"The admin key is not valid."}""", ["0123456789abcdef"]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_requests_and_another_seed_others()
    {
        var targets = new FuzzTargets("admin-key-0123456789", ["p-1", "p-2"], ["tokenAAAAAAAAAAAAAAAAAAAAAAAA", "tokenBBBBBBBBBBBBBBBBBBBBBBBB"], ["body-a", "body-b"]);
        static List<string> Run(int seed, FuzzTargets targets)
        {
            var factory = new RequestFactory(new Random(seed), targets);
            return [.. Enumerable.Range(0, 200).Select(_ => factory.Next()).Select(r => $"{r} {Convert.ToBase64String(r.Body ?? [])} {string.Join(",", r.Headers)}")];
        }

        Assert.Equal(Run(5, targets), Run(5, targets));
        Assert.NotEqual(Run(5, targets), Run(6, targets));
    }
}
