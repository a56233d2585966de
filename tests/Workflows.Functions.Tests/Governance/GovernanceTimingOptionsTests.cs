using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;
using Workflows.Functions.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Governance;

public sealed class GovernanceTimingOptionsTests
{
    [Fact]
    public void Defaults_are_two_five_and_fourteen_days_and_valid()
    {
        var options = new GovernanceTimingOptions();

        Assert.Equal(TimeSpan.FromDays(2), options.ReminderInterval);
        Assert.Equal(TimeSpan.FromDays(5), options.EscalateAfter);
        Assert.Equal(TimeSpan.FromDays(14), options.DecisionDeadline);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Zero_or_negative_delays_are_each_reported()
    {
        var options = new GovernanceTimingOptions { ReminderInterval = TimeSpan.Zero, EscalateAfter = TimeSpan.FromSeconds(-1) };

        Assert.Equal(
            [
                "Governance:Timing:ReminderInterval must be positive, but is 00:00:00",
                "Governance:Timing:EscalateAfter must be positive, but is -00:00:01",
            ],
            Validate(options).Failures);
    }

    [Theory]
    [InlineData("14.00:00:00")]
    [InlineData("20.00:00:00")]
    public void Escalating_at_or_after_the_deadline_is_reported(string escalateAfter)
    {
        var options = new GovernanceTimingOptions { EscalateAfter = TimeSpan.Parse(escalateAfter, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(
            [$"Governance:Timing:EscalateAfter must be shorter than Governance:Timing:DecisionDeadline, but is {escalateAfter}, and the deadline 14.00:00:00"],
            Validate(options).Failures);
    }

    [Fact]
    public void A_reminder_interval_longer_than_the_deadline_is_allowed_and_means_no_reminder()
    {
        Assert.True(Validate(new GovernanceTimingOptions { ReminderInterval = TimeSpan.FromDays(30) }).Succeeded);
    }

    [Fact]
    public async Task Governance_Timing_settings_reach_the_options_as_TimeSpan_strings()
    {
        await using var factory = new FunctionsAppFactory(settings: new Dictionary<string, string?>
        {
            ["Governance:Timing:ReminderInterval"] = "00:00:02",
            ["Governance:Timing:EscalateAfter"] = "00:00:05",
            ["Governance:Timing:DecisionDeadline"] = "00:00:09",
        });

        GovernanceTimingOptions options = factory.Services.GetRequiredService<IOptions<GovernanceTimingOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(2), options.ReminderInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.EscalateAfter);
        Assert.Equal(TimeSpan.FromSeconds(9), options.DecisionDeadline);
    }

    [Fact]
    public async Task An_escalation_after_the_deadline_fails_start_with_the_message()
    {
        OptionsValidationException e = await StartFailure.OfAsync(() => new FunctionsAppFactory(settings: new Dictionary<string, string?>
        {
            ["Governance:Timing:EscalateAfter"] = "3.00:00:00",
            ["Governance:Timing:DecisionDeadline"] = "2.00:00:00",
        }));

        Assert.Contains(
            "Governance:Timing:EscalateAfter must be shorter than Governance:Timing:DecisionDeadline, but is 3.00:00:00, and the deadline 2.00:00:00",
            e.Failures);
    }

    private static ValidateOptionsResult Validate(GovernanceTimingOptions options) =>
        new GovernanceTimingOptionsValidator().Validate(Options.DefaultName, options);
}
