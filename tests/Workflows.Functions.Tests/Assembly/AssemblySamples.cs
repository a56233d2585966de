using Workflows.Governance.Assembly;
using Workflows.Governance.Governance;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>Small fictional assemblies for the tests.</summary>
internal static class AssemblySamples
{
    public static readonly DateTime T0 = new(2026, 4, 6, 9, 0, 0, DateTimeKind.Utc);

    public static readonly Person[] Reviewers =
    [
        new() { Name = "Dr Rebecca Moorhouse", Email = "rebecca@design.example.org" },
        new() { Name = "Dr Anil Chaudhry", Email = "anil@design.example.org" },
    ];

    public static MemberCcg Ccg(string id) => new()
    {
        Id = id,
        Name = $"NHS {id} CCG",
        AccountableOfficer = new Person { Name = $"Officer of {id}", Email = $"officer@{id}.example.org" },
        Deputy = new Person { Name = $"Deputy of {id}", Email = $"deputy@{id}.example.org" },
    };

    public static MemberContact Member(string id) => new(id, $"NHS {id} CCG", new Person { Name = $"Lead of {id}", Email = $"lead@{id}.example.org" });
}
