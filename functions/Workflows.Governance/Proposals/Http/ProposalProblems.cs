namespace Workflows.Governance.Proposals.Http;

/// <summary>The problem+json answers of the proposal API; each says what was wrong with the request, never how the
/// server failed.</summary>
internal static class ProposalProblems
{
    public static IResult Invalid(ProposalValidationErrors errors, string detail = "One or more fields are invalid; see errors.") =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: detail, title: "Invalid request");

    public static IResult Invalid(string field, string message)
    {
        var errors = new ProposalValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    public static IResult NotFound(string id) => TypedResults.Problem(
        detail: $"No proposal with id '{id}' exists.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Proposal not found");

    public static IResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
}
