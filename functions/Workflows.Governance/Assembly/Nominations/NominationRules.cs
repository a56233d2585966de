namespace Workflows.Governance.Assembly.Nominations;

/// <summary>What a nomination must hold, checked the same way on the form and on the admin route.</summary>
public static class NominationRules
{
    /// <summary>The longest name, role or registration, in characters.</summary>
    public const int MaxFieldLength = 200;

    /// <summary>The longest reason a nomination is returned with.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>The nomination the fields make, trimmed, and every problem by field name (name, role, registration,
    /// email); the nomination is <see langword="null"/> unless there is no problem.</summary>
    public static (Nomination? Nomination, IReadOnlyList<(string Field, string Message)> Problems) Check(string? name, string? role, string? registration, string? email)
    {
        var problems = new List<(string, string)>();
        string? Line(string field, string label, string? value, string example)
        {
            string trimmed = value?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                problems.Add((field, $"The {label} is required, such as {example}."));
                return null;
            }

            if (trimmed.Length > MaxFieldLength || trimmed.AsSpan().ContainsAny('\r', '\n'))
            {
                problems.Add((field, $"The {label} must be one line of at most {MaxFieldLength} characters."));
                return null;
            }

            return trimmed;
        }

        string? checkedName = Line("name", "lead's name", name, "Dr Jane Smith");
        string? checkedRole = Line("role", "lead's role", role, "Clinical chair");
        string? checkedRegistration = Line("registration", "professional registration", registration, "GMC 4412345");
        string? checkedEmail = Line("email", "email address", email, "jane.smith@example.org");
        if (checkedEmail is not null && !AssemblyConfigurationValidator.IsEmail(checkedEmail))
        {
            problems.Add(("email", $"'{checkedEmail}' is not an email address such as jane.smith@example.org."));
            checkedEmail = null;
        }

        return problems.Count == 0
            ? (new Nomination(checkedName!, checkedRole!, checkedRegistration!, checkedEmail!), problems)
            : (null, problems);
    }
}
