namespace Workflows.Governance.Assembly.Pages;

/// <summary>What was wrong with a field of a submitted form.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Message">What to fix.</param>
public sealed record FieldProblem(string Field, string Message);
