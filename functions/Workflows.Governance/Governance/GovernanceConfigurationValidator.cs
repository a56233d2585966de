using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Governance;

/// <summary>Checks a governance configuration as a whole and names every problem with its place in the file, so that one
/// failed start shows all that needs fixing.</summary>
internal sealed partial class GovernanceConfigurationValidator : IValidateOptions<GovernanceConfiguration>
{
    private const int MaximumIdLength = 64;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, GovernanceConfiguration options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        ValidateCongress(problems, options.Congress);
        ValidateCategories(problems, options.Categories);
        ValidateBodies(problems, options.Bodies, options.Categories);
        if (options.Threshold < 0)
        {
            problems.Add($"threshold must be zero or more, but is {options.Threshold}");
        }

        if (!Enum.IsDefined(options.Policy))
        {
            problems.Add($"policy must be {OutcomePolicy.Unanimity} or {OutcomePolicy.Majority}, but is {options.Policy}");
        }

        string source = string.IsNullOrEmpty(options.Source) ? "Governance configuration" : $"Governance configuration '{options.Source}'";
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"{source}: {p}"));
    }

    private static void ValidateCongress(List<string> problems, Congress? congress)
    {
        if (congress is null)
        {
            problems.Add("congress is missing");
            return;
        }

        NotEmpty(problems, "congress.name", congress.Name);
        ValidatePerson(problems, "congress.chair", congress.Chair);
        if (congress.Secretary is not null)
        {
            ValidatePerson(problems, "congress.secretary", congress.Secretary);
        }
    }

    private static void ValidateCategories(List<string> problems, IReadOnlyList<DecisionCategory>? categories)
    {
        if (categories is null || categories.Count == 0)
        {
            problems.Add("categories is empty: at least one decision category is needed");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < categories.Count; i++)
        {
            string at = $"categories[{i}]";
            if (categories[i] is not { } category)
            {
                problems.Add($"{at} is missing");
                continue;
            }

            ValidateId(problems, "categories", i, category.Id, seen, "category");
            NotEmpty(problems, $"{At(at, category.Id)}.name", category.Name);
        }
    }

    private static void ValidateBodies(List<string> problems, IReadOnlyList<MemberBody>? bodies, IReadOnlyList<DecisionCategory>? categories)
    {
        if (bodies is null || bodies.Count == 0)
        {
            problems.Add("bodies is empty: the congress needs at least one member body");
            return;
        }

        string[] categoryIds = [.. (categories ?? []).Where(c => c is not null && !string.IsNullOrWhiteSpace(c.Id)).Select(c => c.Id).Distinct(StringComparer.Ordinal)];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < bodies.Count; i++)
        {
            string at = $"bodies[{i}]";
            if (bodies[i] is not { } body)
            {
                problems.Add($"{at} is missing");
                continue;
            }

            ValidateId(problems, "bodies", i, body.Id, seen, "body");
            at = At(at, body.Id);
            NotEmpty(problems, $"{at}.name", body.Name);
            if (!Enum.IsDefined(body.Kind))
            {
                problems.Add($"{at}.kind must be one of {string.Join(", ", Enum.GetNames<MemberBodyKind>())}, but is {body.Kind}");
            }

            ValidateGoverningBody(problems, $"{at}.governingBody", body.GoverningBody);
            ValidateCommittees(problems, $"{at}.committees", body.Committees);
            ValidateScheme(problems, $"{at}.schemeOfDelegation", body.SchemeOfDelegation, categoryIds);
        }
    }

    private static void ValidateGoverningBody(List<string> problems, string at, GoverningBody? governingBody)
    {
        if (governingBody is null)
        {
            problems.Add($"{at} is missing");
            return;
        }

        NotEmpty(problems, $"{at}.name", governingBody.Name);
        ValidatePerson(problems, $"{at}.approver", governingBody.Approver);
        ValidatePerson(problems, $"{at}.deputy", governingBody.Deputy);
        string? approver = governingBody.Approver?.Email;
        if (!string.IsNullOrWhiteSpace(approver) && string.Equals(approver.Trim(), governingBody.Deputy?.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{at}.deputy.email is the approver's, but escalating to the deputy must reach someone else");
        }
    }

    private static void ValidateCommittees(List<string> problems, string at, IReadOnlyList<Committee>? committees)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < (committees?.Count ?? 0); i++)
        {
            string committeeAt = $"{at}[{i}]";
            if (committees![i] is not { } committee)
            {
                problems.Add($"{committeeAt} is missing");
                continue;
            }

            ValidateId(problems, at, i, committee.Id, seen, "committee");
            committeeAt = At(committeeAt, committee.Id);
            NotEmpty(problems, $"{committeeAt}.name", committee.Name);
            ValidatePerson(problems, $"{committeeAt}.chair", committee.Chair);
        }
    }

    private static void ValidateScheme(List<string> problems, string at, SchemeOfDelegation? scheme, string[] categoryIds)
    {
        if (scheme is null)
        {
            problems.Add($"{at} is missing");
            return;
        }

        IReadOnlyList<string> delegated = scheme.Delegated ?? [];
        IReadOnlyList<string> reserved = scheme.Reserved ?? [];
        foreach ((string list, IReadOnlyList<string> ids) in new[] { ("delegated", delegated), ("reserved", reserved) })
        {
            foreach (string id in ids)
            {
                if (!categoryIds.Contains(id, StringComparer.Ordinal))
                {
                    problems.Add($"{at}.{list} names unknown category '{id}'");
                }
            }

            foreach (string twice in ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                problems.Add($"{at}.{list} lists category '{twice}' more than once");
            }
        }

        foreach (string id in categoryIds)
        {
            bool isDelegated = delegated.Contains(id, StringComparer.Ordinal);
            bool isReserved = reserved.Contains(id, StringComparer.Ordinal);
            if (isDelegated && isReserved)
            {
                problems.Add($"{at} both delegates and reserves category '{id}'; it must be in exactly one of the two lists");
            }
            else if (!isDelegated && !isReserved)
            {
                problems.Add($"{at} neither delegates nor reserves category '{id}'; it must be in exactly one of the two lists");
            }
        }
    }

    private static void ValidateId(List<string> problems, string list, int index, string? id, Dictionary<string, int> seen, string what)
    {
        string at = $"{list}[{index}]";
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{at}.id is empty");
        }
        else if (id.Length > MaximumIdLength || !IdPattern().IsMatch(id))
        {
            problems.Add($"{at}.id '{id}' must be at most {MaximumIdLength} lowercase letters, digits and single hyphens between them");
        }
        else if (seen.TryGetValue(id, out int first))
        {
            problems.Add($"duplicate {what} id '{id}' in {list}[{first}] and {list}[{index}]");
        }
        else
        {
            seen.Add(id, index);
        }
    }

    private static void ValidatePerson(List<string> problems, string at, Person? person)
    {
        if (person is null)
        {
            problems.Add($"{at} is missing");
            return;
        }

        NotEmpty(problems, $"{at}.name", person.Name);
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            problems.Add($"{at}.email is missing");
        }
        else if (!EmailPattern().IsMatch(person.Email))
        {
            problems.Add($"{at}.email '{person.Email}' is not a valid email address");
        }
    }

    private static void NotEmpty(List<string> problems, string at, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{at} is empty");
        }
    }

    // Names the element by its id as well as its index, so that a message can be traced in a long file.
    private static string At(string at, string? id) => string.IsNullOrWhiteSpace(id) ? at : $"{at} ({id})";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    // Deliberately loose: one @, no spaces, a dot in the domain; deliverability is the mail provider's business.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
