namespace Workflows.Governance.Documents;

/// <summary>The rules for document paths, such as <c>proposals/{instanceId}/papers/{name}</c>: relative, <c>/</c>-separated,
/// made of ASCII letters, digits, spaces and <c>- _ . ( ) + , = @</c>. Names partly come from users (uploaded paper
/// names), so every store checks them before touching storage.</summary>
public static class DocumentPath
{
    /// <summary>The longest path accepted, in characters.</summary>
    public const int MaxLength = 512;

    /// <summary>The longest segment (the part between two <c>/</c>) accepted, in characters.</summary>
    public const int MaxSegmentLength = 200;

    /// <summary>The most segments a path may have.</summary>
    public const int MaxSegments = 32;

    private const string Punctuation = " -_.()+,=@";

    /// <summary>Whether <paramref name="path"/> is a valid document path.</summary>
    public static bool IsValid(string? path) => Problem(path, isPrefix: false) is null;

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong when <paramref name="path"/> is not a
    /// valid document path.</summary>
    /// <param name="path">The path to check.</param>
    /// <param name="parameterName">The name of the caller's parameter, reported by the exception.</param>
    public static void Validate(string? path, string parameterName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        if (Problem(path, isPrefix: false) is { } problem)
        {
            throw new ArgumentException($"Invalid document path '{Printable(path)}': {problem}.", parameterName);
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when <paramref name="prefix"/> cannot begin a document path. The
    /// empty prefix (every document) is valid, and so are a trailing <c>/</c> and a partial last segment.</summary>
    /// <param name="prefix">The prefix to check.</param>
    /// <param name="parameterName">The name of the caller's parameter, reported by the exception.</param>
    public static void ValidatePrefix(string? prefix, string parameterName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, parameterName);
        if (prefix.Length > 0 && Problem(prefix, isPrefix: true) is { } problem)
        {
            throw new ArgumentException($"Invalid document path prefix '{Printable(prefix)}': {problem}.", parameterName);
        }
    }

    private static string? Problem(string? path, bool isPrefix)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "it is empty";
        }

        if (path.Length > MaxLength)
        {
            return $"it is {path.Length} characters long, more than the {MaxLength} allowed";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains a backslash; separate segments with '/'";
        }

        if (path[0] == '/' || (path.Length > 1 && path[1] == ':'))
        {
            return "it is absolute; document paths are relative, such as 'proposals/p-1/papers/report.pdf'";
        }

        if (!isPrefix && path[^1] == '/')
        {
            return "it ends with '/', so it names a folder rather than a document";
        }

        string[] segments = path.Split('/');
        if (segments.Length > MaxSegments)
        {
            return $"it has {segments.Length} segments, more than the {MaxSegments} allowed";
        }

        for (int i = 0; i < segments.Length; i++)
        {
            bool last = i == segments.Length - 1;
            if (isPrefix && last && segments[i].Length == 0)
            {
                // "proposals/p-1/": everything in that folder.
                continue;
            }

            if (SegmentProblem(segments[i], partial: isPrefix && last) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? SegmentProblem(string segment, bool partial)
    {
        if (segment.Length == 0)
        {
            return "it has an empty segment ('//')";
        }

        if (segment is "." or "..")
        {
            return $"it has a '{segment}' segment; relative references are not allowed";
        }

        if (segment.Length > MaxSegmentLength)
        {
            return $"the segment '{segment[..20]}...' is {segment.Length} characters long, more than the {MaxSegmentLength} allowed";
        }

        foreach (char c in segment)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !Punctuation.Contains(c, StringComparison.Ordinal))
            {
                return char.IsControl(c) || c > '\x7e'
                    ? $"it contains the character U+{(int)c:X4}; only ASCII letters, digits, spaces and '{Punctuation.Trim()}' are allowed"
                    : $"it contains '{c}'; only ASCII letters, digits, spaces and '{Punctuation.Trim()}' are allowed";
            }
        }

        if (segment[0] is '.' or ' ')
        {
            return $"the segment '{segment}' starts with '{segment[0]}' (names starting with '.' are reserved for the stores)";
        }

        if (!partial && segment[^1] is '.' or ' ')
        {
            return $"the segment '{segment}' ends with '{segment[^1]}'";
        }

        return null;
    }

    private static string Printable(string? path)
    {
        if (path is null)
        {
            return "(null)";
        }

        string shown = path.Length > 80 ? path[..80] + "..." : path;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
