using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Governance.Assembly;
using Workflows.Governance.Governance;
using Workflows.Functions.Tests.Governance;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>The built-in assembly, a replacing file, and the validator that lists every problem at start.</summary>
public sealed class AssemblyConfigurationTests : IDisposable
{
    private const string SmallAssembly = """
        {
          "name": "Test Assembly",
          // comments and trailing commas are allowed, as in the congress's file
          "designGroup": { "name": "Design group", "members": [ { "name": "Dr Dee", "email": "dee@design.example.org" } ] },
          "groups": [ { "id": "quality", "name": "Quality", "capacity": 1 }, ],
          "members": [
            { "id": "alpha-ccg", "name": "NHS Alpha CCG",
              "accountableOfficer": { "name": "Ann Alpha", "email": "ann@alpha.example.org" },
              "deputy": { "name": "Dan Alpha", "email": "dan@alpha.example.org" } }
          ]
        }
        """;

    private readonly TemporaryFolder folder = new();

    [Fact]
    public void The_built_in_assembly_is_valid_and_realistic()
    {
        AssemblyConfiguration assembly = AssemblyConfigurationLoader.LoadBuiltIn();

        Assert.True(new AssemblyConfigurationValidator().Validate(Options.DefaultName, assembly).Succeeded);
        Assert.Equal(AssemblyConfigurationLoader.BuiltInSource, assembly.Source);
        Assert.InRange(assembly.Members.Count, 20, 250);
        Assert.Equal(["quality", "financial-strategy", "incentives", "primary-care"], assembly.Groups.Select(g => g.Id));
        Assert.All(assembly.Groups, g => Assert.True(g.Capacity >= 1));
        Assert.NotEmpty(assembly.DesignGroup.Members);
        Person[] people = [.. assembly.Members.SelectMany(m => new[] { m.AccountableOfficer, m.Deputy }), .. assembly.DesignGroup.Members];
        Assert.All(people, p => Assert.EndsWith(".example.org", p.Email, StringComparison.Ordinal));
        Assert.Equal(people.Length, people.Select(p => p.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Same(assembly.Members[3], assembly.FindMember(assembly.Members[3].Id));
        Assert.Null(assembly.FindMember("no-such-ccg"));
    }

    [Fact]
    public void A_file_replaces_the_built_in_assembly_and_is_named_by_its_path()
    {
        string path = this.Write(SmallAssembly);

        AssemblyConfiguration assembly = AssemblyConfigurationLoader.LoadFile(path);

        Assert.Equal(path, assembly.Source);
        Assert.Equal("Test Assembly", assembly.Name);
        Assert.Equal("dan@alpha.example.org", assembly.FindMember("alpha-ccg")?.Deputy.Email);
        Assert.Equal(1, assembly.FindGroup("quality")?.Capacity);
        Assert.True(new AssemblyConfigurationValidator().Validate(Options.DefaultName, assembly).Succeeded);
    }

    [Fact]
    public void A_misspelt_key_or_bad_json_fails_naming_the_file()
    {
        string misspelt = this.Write(SmallAssembly.Replace("\"capacity\"", "\"capacty\"", StringComparison.Ordinal));
        string broken = this.Write("{ \"name\": ");
        string absent = Path.Combine(this.folder.Path, "absent.json");

        Assert.Contains("capacty", Assert.Throws<OptionsValidationException>(() => AssemblyConfigurationLoader.LoadFile(misspelt)).Message, StringComparison.Ordinal);
        Assert.StartsWith($"Assembly configuration '{broken}' is not a valid configuration file", Assert.Throws<OptionsValidationException>(() => AssemblyConfigurationLoader.LoadFile(broken)).Message, StringComparison.Ordinal);
        Assert.StartsWith($"Assembly:ConfigurationFile '{absent}' cannot be read", Assert.Throws<OptionsValidationException>(() => AssemblyConfigurationLoader.LoadFile(absent)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_validator_names_every_problem_with_its_place()
    {
        var assembly = new AssemblyConfiguration
        {
            Source = "bad.json",
            Members =
            [
                new MemberCcg { Id = "alpha-ccg", Name = "Alpha", AccountableOfficer = new Person { Name = "Ann", Email = "ann@alpha.example.org" }, Deputy = new Person { Name = "Ann again", Email = "ANN@alpha.example.org" } },
                new MemberCcg { Id = "alpha-ccg", Name = "", AccountableOfficer = new Person { Name = "Bo", Email = "not an address" }, Deputy = new Person { Name = "", Email = "" } },
                new MemberCcg { Id = "Bad_Id", Name = "Bad", AccountableOfficer = new Person { Name = "C", Email = "c@c.example.org" }, Deputy = new Person { Name = "D", Email = "d@c.example.org" } },
            ],
            DesignGroup = new DesignGroup { Name = "Design", Members = [] },
            Groups = [new WorkProgrammeGroup { Id = "quality", Name = "Quality", Capacity = 0 }],
        };

        ValidateOptionsResult result = new AssemblyConfigurationValidator().Validate(Options.DefaultName, assembly);

        Assert.True(result.Failed);
        string[] failures = [.. result.Failures!];
        Assert.All(failures, f => Assert.StartsWith("Assembly configuration 'bad.json': ", f, StringComparison.Ordinal));
        Assert.Equal(
            [
                "name is empty",
                "members[0] (alpha-ccg).deputy.email is the accountable officer's, but escalating to the deputy must reach someone else",
                "duplicate member id 'alpha-ccg' in members[0] and members[1]",
                "members[1] (alpha-ccg).name is empty",
                "members[1] (alpha-ccg).accountableOfficer.email 'not an address' is not a valid email address",
                "members[1] (alpha-ccg).deputy.name is empty",
                "members[1] (alpha-ccg).deputy.email is missing",
                "members[2].id 'Bad_Id' must be at most 64 lowercase letters, digits and single hyphens between them",
                "designGroup.members is empty: nominations need someone to review them",
                "groups[0] (quality).capacity must be at least 1, but is 0",
            ],
            failures.Select(f => f["Assembly configuration 'bad.json': ".Length..]));
    }

    [Fact]
    public void The_registered_options_fail_on_an_invalid_assembly_file_and_say_why()
    {
        string path = this.Write(SmallAssembly.Replace("\"capacity\": 1", "\"capacity\": -2", StringComparison.Ordinal));
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AssemblyConfiguration.ConfigurationFileKey] = path })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddAssembly(configuration).BuildServiceProvider();

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<AssemblyConfiguration>());

        Assert.Equal(typeof(AssemblyConfiguration), e.OptionsType);
        Assert.Equal([$"Assembly configuration '{path}': groups[0] (quality).capacity must be at least 1, but is -2"], e.Failures);
    }

    [Fact]
    public void Without_a_file_the_registered_configuration_is_the_built_in_one_and_timing_binds_timespans()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Assembly:Timing:ReminderInterval"] = "00:00:03" })
            .Build();
        using ServiceProvider services = new ServiceCollection().AddAssembly(configuration).BuildServiceProvider();

        Assert.Equal(AssemblyConfigurationLoader.BuiltInSource, services.GetRequiredService<AssemblyConfiguration>().Source);
        Assert.Equal(TimeSpan.FromSeconds(3), services.GetRequiredService<IOptions<AssemblyTimingOptions>>().Value.ReminderInterval);
    }

    [Fact]
    public void Timing_rejects_delays_that_never_fire_or_come_after_the_close()
    {
        var timing = new AssemblyTimingOptions
        {
            ReminderInterval = TimeSpan.Zero,
            EscalateAfter = TimeSpan.FromDays(30),
            ReminderBeforeClose = TimeSpan.FromDays(20),
        };

        ValidateOptionsResult result = new AssemblyTimingOptionsValidator().Validate(Options.DefaultName, timing);

        Assert.Equal(
            [
                "Assembly:Timing:ReminderInterval must be positive, but is 00:00:00",
                "Assembly:Timing:EscalateAfter must be shorter than Assembly:Timing:NominationPeriod, but is 30.00:00:00, and NominationPeriod 21.00:00:00",
                "Assembly:Timing:ReminderBeforeClose must be shorter than Assembly:Timing:InterestPeriod, but is 20.00:00:00, and InterestPeriod 14.00:00:00",
            ],
            result.Failures);
        Assert.True(new AssemblyTimingOptionsValidator().Validate(Options.DefaultName, new AssemblyTimingOptions()).Succeeded);
    }

    public void Dispose() => this.folder.Dispose();

    private string Write(string json)
    {
        string path = Path.Combine(this.folder.Path, $"assembly-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
