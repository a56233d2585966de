using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Workflows.DurableTask.Http;

/// <summary>Reads the query parameters of a management request, keeping the first bad one as a 400 problem that names it,
/// so that a handler reads every parameter and then checks <see cref="Problem"/> once.</summary>
internal sealed class ManagementQueryReader
{
    private const int MaxEchoedLength = 100;
    private readonly IQueryCollection query;

    public ManagementQueryReader(IQueryCollection query)
    {
        this.query = query;
    }

    /// <summary>The problem of the first bad parameter, or null.</summary>
    public IResult? Problem { get; private set; }

    /// <summary>A text parameter; null when absent or empty.</summary>
    public string? Text(string name)
    {
        string? value = this.query[name].FirstOrDefault();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A <c>true</c>/<c>false</c> parameter.</summary>
    public bool Boolean(string name, bool defaultValue)
    {
        string? value = this.Text(name);
        if (value is null)
        {
            return defaultValue;
        }

        if (bool.TryParse(value, out bool result))
        {
            return result;
        }

        this.Fail(name, value, "must be true or false");
        return defaultValue;
    }

    /// <summary>A date and time; UTC when it carries no offset.</summary>
    public DateTimeOffset? DateTime(string name)
    {
        string? value = this.Text(name);
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset result))
        {
            return result;
        }

        this.Fail(name, value, "must be a date and time such as 2026-01-31T09:00:00Z");
        return null;
    }

    /// <summary>A comma-separated list of runtime status names; null when absent.</summary>
    public IReadOnlyList<OrchestrationRuntimeStatus>? Statuses(string name)
    {
        string[] items = this.query[name]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        if (items.Length == 0)
        {
            return null;
        }

        var statuses = new List<OrchestrationRuntimeStatus>(items.Length);
        foreach (string item in items)
        {
            // Names only: Enum.TryParse would also take numbers, which no Durable Functions tool sends.
            if (!char.IsLetter(item[0]) || !Enum.TryParse(item, ignoreCase: true, out OrchestrationRuntimeStatus status))
            {
                this.Fail(name, item, "must list runtime statuses such as Running,Completed,Failed,Terminated,Pending,Suspended");
                return null;
            }

            statuses.Add(status);
        }

        return statuses;
    }

    /// <summary>A whole number of at least 1.</summary>
    public int? PositiveInteger(string name)
    {
        string? value = this.Text(name);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int result) && result >= 1)
        {
            return result;
        }

        this.Fail(name, value, "must be a whole number of at least 1");
        return null;
    }

    private void Fail(string name, string value, string rule)
    {
        string shown = value.Length > MaxEchoedLength ? value[..MaxEchoedLength] + "..." : value;
        this.Problem ??= ManagementProblems.BadParameter(name, $"The query parameter '{name}' {rule}, but is '{shown}'.");
    }
}
