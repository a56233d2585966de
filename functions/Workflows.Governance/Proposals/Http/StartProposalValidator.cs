using Workflows.Governance.Documents;
using Workflows.Governance.Governance;

namespace Workflows.Governance.Proposals.Http;

/// <summary>Checks a start request field by field and reports every problem at once.</summary>
internal static class StartProposalValidator
{
    /// <summary>The longest proposal id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest summary.</summary>
    public const int MaxSummaryLength = 20_000;

    /// <summary>Validates <paramref name="request"/>; returns null, with <paramref name="errors"/> filled, when it is invalid.</summary>
    public static ValidatedProposal? Validate(StartProposalRequest request, GovernanceConfiguration governance, ProposalApiOptions options, ProposalValidationErrors errors)
    {
        string? id = null;
        if (request.Id is not null)
        {
            id = request.Id;
            if (IdProblem(id) is { } problem)
            {
                errors.Add("id", problem);
            }
        }

        string? title = Required(errors, "title", request.Title, MaxTitleLength);
        string? summary = Required(errors, "summary", request.Summary, MaxSummaryLength);
        string? category = Required(errors, "category", request.Category, maxLength: null);
        if (category is not null && governance.FindCategory(category) is null)
        {
            errors.Add("category", $"Unknown decision category '{category}'; known categories: {string.Join(", ", governance.Categories.Select(c => c.Id))}.");
        }

        (string? body, string? committee) = RaisedBy(request.RaisedBy, governance, errors);
        if (request.Value is < 0)
        {
            errors.Add("value", $"The value must be zero or more, but is {request.Value}.");
        }

        IReadOnlyList<ValidatedPaper> papers = Papers(request.Documents ?? [], options, errors);
        return errors.IsEmpty
            ? new ValidatedProposal(id, title!, summary!, category!, body!, committee!, request.Value, papers)
            : null;
    }

    /// <summary>Why <paramref name="id"/> cannot be a proposal id, or null when it can.</summary>
    internal static string? IdProblem(string id)
    {
        if (id.Length == 0)
        {
            return "The id, when given, must not be empty.";
        }

        if (id.Length > MaxIdLength)
        {
            return $"The id is {id.Length} characters long, more than the {MaxIdLength} allowed.";
        }

        return id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : "The id may only contain ASCII letters, digits, '-' and '_' (':' is reserved for the governing bodies' approvals).";
    }

    private static string? Required(ProposalValidationErrors errors, string field, string? value, int? maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"The {field} is required.");
            return null;
        }

        string trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"The {field} is {trimmed.Length} characters long, more than the {maxLength} allowed.");
            return null;
        }

        return trimmed;
    }

    private static (string? Body, string? Committee) RaisedBy(ProposalRaisedByRequest? raisedBy, GovernanceConfiguration governance, ProposalValidationErrors errors)
    {
        if (raisedBy is null)
        {
            errors.Add("raisedBy", "The raising member body and committee are required: { \"body\": \"...\", \"committee\": \"...\" }.");
            return (null, null);
        }

        string? bodyId = Required(errors, "raisedBy.body", raisedBy.Body, maxLength: null);
        string? committeeId = Required(errors, "raisedBy.committee", raisedBy.Committee, maxLength: null);
        MemberBody? body = null;
        if (bodyId is not null)
        {
            body = governance.FindBody(bodyId);
            if (body is null)
            {
                errors.Add("raisedBy.body", $"Unknown member body '{bodyId}'; known bodies: {string.Join(", ", governance.Bodies.Select(b => b.Id))}.");
            }
        }

        if (body is not null && committeeId is not null && body.FindCommittee(committeeId) is null)
        {
            errors.Add("raisedBy.committee", $"Member body '{body.Id}' has no committee '{committeeId}'; its committees: {string.Join(", ", body.Committees.Select(c => c.Id))}.");
        }

        return (bodyId, committeeId);
    }

    private static List<ValidatedPaper> Papers(IReadOnlyList<ProposalDocumentUpload?> documents, ProposalApiOptions options, ProposalValidationErrors errors)
    {
        if (documents.Count > options.MaxDocuments)
        {
            errors.Add("documents", $"A proposal may have at most {options.MaxDocuments} documents, but {documents.Count} were sent.");
        }

        var papers = new List<ValidatedPaper>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < documents.Count; i++)
        {
            string at = $"documents[{i}]";
            if (documents[i] is not { } document)
            {
                errors.Add(at, "Each document must be an object: { \"name\", \"contentType\", \"contentBase64\" }.");
                continue;
            }

            string? name = Name(document.Name, $"{at}.name", names, errors);
            string? contentType = ContentType(document.ContentType, $"{at}.contentType", errors);
            byte[]? content = Content(document.ContentBase64, $"{at}.contentBase64", options.MaxDocumentBytes, errors);
            if (name is not null && contentType is not null && content is not null)
            {
                papers.Add(new ValidatedPaper(name, contentType, content));
            }
        }

        return papers;
    }

    private static string? Name(string? name, string field, HashSet<string> names, ProposalValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(field, "The document's name is required.");
            return null;
        }

        // The name becomes the last segment of the paper's path in the document store.
        if (name.Contains('/', StringComparison.Ordinal) || !DocumentPath.IsValid("proposals/p/papers/" + name))
        {
            errors.Add(field, $"The document name '{Printable(name)}' is not a safe file name: use at most {DocumentPath.MaxSegmentLength} ASCII letters, digits, spaces and '- _ . ( ) + , = @', not starting with '.' or a space nor ending with '.' or a space.");
            return null;
        }

        if (!names.Add(name))
        {
            errors.Add(field, $"Another document is already named '{name}' (names are compared ignoring case).");
            return null;
        }

        return name;
    }

    private static string? ContentType(string? contentType, string field, ProposalValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            errors.Add(field, "The document's content type is required, such as 'application/pdf'.");
            return null;
        }

        try
        {
            DocumentContentType.Validate(contentType, field);
            return contentType;
        }
        catch (ArgumentException)
        {
            errors.Add(field, $"The content type '{Printable(contentType)}' is not a media type such as 'application/pdf'.");
            return null;
        }
    }

    private static byte[]? Content(string? base64, string field, long maxBytes, ProposalValidationErrors errors)
    {
        if (string.IsNullOrEmpty(base64))
        {
            errors.Add(field, "The document's content is required, base64-encoded; an empty document is not a paper.");
            return null;
        }

        // Checked before decoding, so that an oversize document costs no memory.
        if (DecodedLengthAtLeast(base64) > maxBytes)
        {
            errors.Add(field, $"The document is larger than the {maxBytes} bytes allowed (Governance:MaxDocumentBytes).");
            return null;
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            errors.Add(field, "The document's content is not valid base64.");
            return null;
        }

        if (content.Length > maxBytes)
        {
            errors.Add(field, $"The document is {content.Length} bytes, larger than the {maxBytes} bytes allowed (Governance:MaxDocumentBytes).");
            return null;
        }

        if (content.Length == 0)
        {
            errors.Add(field, "The document is empty.");
            return null;
        }

        return content;
    }

    // Base64 may be wrapped in lines; whitespace decodes to nothing.
    private static long DecodedLengthAtLeast(string base64)
    {
        long significant = 0;
        foreach (char c in base64)
        {
            if (!char.IsWhiteSpace(c))
            {
                significant++;
            }
        }

        return (significant / 4 * 3) - 2;
    }

    private static string Printable(string text)
    {
        string shown = text.Length > 80 ? text[..80] + "..." : text;
        return new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
    }
}
