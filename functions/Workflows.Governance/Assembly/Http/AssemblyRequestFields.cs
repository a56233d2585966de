using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Extensions;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Assembly.Http;

/// <summary>The fields every assembly request shares, each checked into the request's list of problems.</summary>
internal static partial class AssemblyRequestFields
{
    /// <summary>The longest name of who acts.</summary>
    public const int MaxByLength = 200;

    /// <summary>The longest round id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>A new readable round id: the prefix, a hyphen and 12 hexadecimal digits.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    /// <summary>The round id given, or null (with a problem when it is invalid).</summary>
    public static string? Id(ProposalValidationErrors errors, string field, string? id)
    {
        if (id is null)
        {
            return null;
        }

        if (!RoundIdPattern().IsMatch(id))
        {
            errors.Add(field, $"'{id}' is not a round id: 1 to {MaxIdLength} ASCII letters, digits, '-' and '_', starting with a letter or digit.");
            return null;
        }

        return id;
    }

    /// <summary>Who acts, as the workflow records it: "admin", or "admin: " and the name given.</summary>
    public static string By(ProposalValidationErrors errors, string? by)
    {
        if (by is null)
        {
            return "admin";
        }

        string trimmed = by.Trim();
        if (trimmed.Length is 0 or > MaxByLength || trimmed.AsSpan().ContainsAny('\r', '\n'))
        {
            errors.Add("by", $"Who acts must be one line of 1 to {MaxByLength} characters.");
            return "admin";
        }

        return "admin: " + trimmed;
    }

    /// <summary>A closing date in the future, or <paramref name="otherwise"/> when none is given.</summary>
    public static DateTime? ClosesAt(ProposalValidationErrors errors, string? value, DateTime now, DateTime? otherwise)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (otherwise is null)
            {
                errors.Add("closesAt", "The closing date is required, as an ISO 8601 date and time such as 2026-04-01T17:00:00Z.");
            }

            return otherwise;
        }

        if (!DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            errors.Add("closesAt", $"'{value}' is not an ISO 8601 date and time such as 2026-04-01T17:00:00Z.");
            return null;
        }

        if (parsed.UtcDateTime <= now)
        {
            errors.Add("closesAt", $"The closing date {Format(parsed.UtcDateTime)} has already passed.");
            return null;
        }

        return parsed.UtcDateTime;
    }

    /// <summary>The candidates the ids name, in the order given; all of them when no ids are given.</summary>
    public static IReadOnlyList<T>? Members<T>(ProposalValidationErrors errors, IReadOnlyList<string?>? ids, IReadOnlyList<T> candidates, Func<T, string> idOf, string among)
    {
        if (ids is null)
        {
            return candidates;
        }

        if (ids.Count == 0)
        {
            errors.Add("members", "Name at least one member, or leave members out to include every one.");
            return null;
        }

        var chosen = new List<T>();
        for (int i = 0; i < ids.Count; i++)
        {
            T? member = candidates.FirstOrDefault(c => string.Equals(idOf(c), ids[i], StringComparison.Ordinal));
            if (member is null)
            {
                errors.Add($"members[{i}]", $"'{ids[i]}' is not {among}.");
            }
            else if (chosen.Contains(member))
            {
                errors.Add($"members[{i}]", $"'{ids[i]}' is listed more than once.");
            }
            else
            {
                chosen.Add(member);
            }
        }

        return chosen;
    }

    /// <summary>A time as the API writes it.</summary>
    public static string Format(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The absolute status route of a round.</summary>
    public static Uri StatusUrl(HttpRequest request, AssemblyRoundKind kind, string id) =>
        new(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, new PathString($"/api/assembly/{kind.Segment}/{id}")));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoundIdPattern();
}
