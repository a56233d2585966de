using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Workflows.Governance.Governance;

namespace Workflows.Governance.Assembly;

/// <summary>Checks an assembly configuration as a whole and names every problem with its place in the file, so that one
/// failed start shows all that needs fixing.</summary>
internal sealed partial class AssemblyConfigurationValidator : IValidateOptions<AssemblyConfiguration>
{
    /// <summary>The longest id of a member or a group.</summary>
    public const int MaximumIdLength = 64;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AssemblyConfiguration options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Required(problems, "name", options.Name);
        CheckMembers(problems, options.Members);
        CheckDesignGroup(problems, options.DesignGroup);
        CheckGroups(problems, options.Groups);
        string source = string.IsNullOrEmpty(options.Source) ? "Assembly configuration" : $"Assembly configuration '{options.Source}'";
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"{source}: {p}"));
    }

    /// <summary>Whether <paramref name="id"/> is a valid member or group id.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaximumIdLength } && IdPattern().IsMatch(id);

    private static void CheckMembers(List<string> problems, IReadOnlyList<MemberCcg>? members)
    {
        if (members is null || members.Count == 0)
        {
            problems.Add("members is empty: the assembly needs at least one member CCG");
            return;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i] is not { } member)
            {
                problems.Add($"members[{i}] is missing");
                continue;
            }

            string at = Id(problems, "members", i, member.Id, ids, "member");
            Required(problems, $"{at}.name", member.Name);
            CheckPerson(problems, $"{at}.accountableOfficer", member.AccountableOfficer);
            CheckPerson(problems, $"{at}.deputy", member.Deputy);
            string? officer = member.AccountableOfficer?.Email?.Trim();
            if (!string.IsNullOrEmpty(officer) && string.Equals(officer, member.Deputy?.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{at}.deputy.email is the accountable officer's, but escalating to the deputy must reach someone else");
            }
        }
    }

    private static void CheckDesignGroup(List<string> problems, DesignGroup? group)
    {
        if (group is null)
        {
            problems.Add("designGroup is missing");
            return;
        }

        Required(problems, "designGroup.name", group.Name);
        if (group.Members is null || group.Members.Count == 0)
        {
            problems.Add("designGroup.members is empty: nominations need someone to review them");
            return;
        }

        for (int i = 0; i < group.Members.Count; i++)
        {
            CheckPerson(problems, $"designGroup.members[{i}]", group.Members[i]);
        }

        foreach (string twice in group.Members.Where(p => !string.IsNullOrWhiteSpace(p?.Email))
            .GroupBy(p => p!.Email.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"designGroup.members lists '{twice}' more than once");
        }
    }

    private static void CheckGroups(List<string> problems, IReadOnlyList<WorkProgrammeGroup>? groups)
    {
        if (groups is null || groups.Count == 0)
        {
            problems.Add("groups is empty: the work programme needs at least one group");
            return;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < groups.Count; i++)
        {
            if (groups[i] is not { } group)
            {
                problems.Add($"groups[{i}] is missing");
                continue;
            }

            string at = Id(problems, "groups", i, group.Id, ids, "group");
            Required(problems, $"{at}.name", group.Name);
            if (group.Capacity < 1)
            {
                problems.Add($"{at}.capacity must be at least 1, but is {group.Capacity}");
            }
        }
    }

    // Checks the id and returns how messages name the element: its index, and its id when it has one.
    private static string Id(List<string> problems, string list, int index, string? id, Dictionary<string, int> seen, string what)
    {
        string at = $"{list}[{index}]";
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{at}.id is empty");
            return at;
        }

        if (!IsValidId(id))
        {
            problems.Add($"{at}.id '{id}' must be at most {MaximumIdLength} lowercase letters, digits and single hyphens between them");
        }
        else if (!seen.TryAdd(id, index))
        {
            problems.Add($"duplicate {what} id '{id}' in {list}[{seen[id]}] and {at}");
        }

        return $"{at} ({id})";
    }

    private static void CheckPerson(List<string> problems, string at, Person? person)
    {
        if (person is null)
        {
            problems.Add($"{at} is missing");
            return;
        }

        Required(problems, $"{at}.name", person.Name);
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            problems.Add($"{at}.email is missing");
        }
        else if (!IsEmail(person.Email))
        {
            problems.Add($"{at}.email '{person.Email}' is not a valid email address");
        }
    }

    /// <summary>Whether <paramref name="email"/> is a bare address the email transports accept as it is.</summary>
    public static bool IsEmail(string? email) =>
        MailAddress.TryCreate(email, out MailAddress? parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal) && parsed.Host.Contains('.', StringComparison.Ordinal);

    private static void Required(List<string> problems, string at, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{at} is empty");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
