using Workflows.Governance.Assembly;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Governance;

namespace Workflows.Functions.Tests.Assembly;

/// <summary>Nomination rules and the consultation summary.</summary>
public sealed class AssemblyDomainTests
{
    private static readonly DateTime T0 = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_complete_nomination_is_trimmed_and_accepted()
    {
        (Nomination? nomination, IReadOnlyList<(string Field, string Message)> problems) =
            NominationRules.Check("  Dr Jane Smith ", "Clinical chair", "GMC 4412345", "jane.smith@leeds.example.org ");

        Assert.Empty(problems);
        Assert.Equal(new Nomination("Dr Jane Smith", "Clinical chair", "GMC 4412345", "jane.smith@leeds.example.org"), nomination);
    }

    [Fact]
    public void Every_missing_or_invalid_nomination_field_is_named()
    {
        (Nomination? nomination, IReadOnlyList<(string Field, string Message)> problems) =
            NominationRules.Check("", "Chair\nand more", new string('x', NominationRules.MaxFieldLength + 1), "jane at example");

        Assert.Null(nomination);
        Assert.Equal(["name", "role", "registration", "email"], problems.Select(p => p.Field));
    }

    [Fact]
    public void The_summary_counts_positions_per_document_keeps_every_comment_and_names_who_did_not_respond()
    {
        DraftDocument[] documents = [Draft("statement"), Draft("framework")];
        MemberContact[] members = [Member("a-ccg"), Member("b-ccg"), Member("c-ccg"), Member("d-ccg")];
        var responses = new Dictionary<string, ConsultationResponse>
        {
            ["a-ccg"] = Response("a-ccg", new DocumentView("statement", Position.Support, null), new DocumentView("framework", Position.DoNotSupport, "Too vague on pooled budgets.")),
            ["c-ccg"] = Response("c-ccg", new DocumentView("statement", Position.SupportWithChanges, "Name the primary care networks."), new DocumentView("framework", Position.DoNotSupport, "  ")),
            ["not-consulted-ccg"] = Response("not-consulted-ccg", new DocumentView("statement", Position.DoNotSupport, "Not asked.")),
        };

        ConsultationSummary summary = ConsultationSummaryBuilder.Build("c-1", "Drafts", "c-0", T0, documents, members, responses);

        DocumentSummary statement = summary.Documents[0];
        Assert.Equal((1, 1, 0), (statement.Support, statement.SupportWithChanges, statement.DoNotSupport));
        Assert.Equal([("c-ccg", "Name the primary care networks.")], statement.Comments.Select(c => (c.MemberId, c.Comments)));
        DocumentSummary framework = summary.Documents[1];
        Assert.Equal((0, 0, 2), (framework.Support, framework.SupportWithChanges, framework.DoNotSupport));
        Assert.Equal(["a-ccg"], framework.Comments.Select(c => c.MemberId));
        Assert.Equal(["a-ccg", "c-ccg"], summary.Responded.Select(m => m.Id));
        Assert.Equal(["b-ccg", "d-ccg"], summary.NoResponse.Select(m => m.Id));
        Assert.Equal((4, "c-0"), (summary.Consulted, summary.PreviousRoundId));
    }

    private static DraftDocument Draft(string id) => new(id, $"Draft {id}", $"{id}.pdf", "application/pdf", $"assembly/consultations/c-1/drafts/{id}.pdf", 10);

    private static MemberContact Member(string id) => new(id, id.ToUpperInvariant(), new Person { Name = $"Lead of {id}", Email = $"lead@{id}.example.org" });

    private static ConsultationResponse Response(string member, params DocumentView[] views) => new(member, views, "lead", T0, 1);
}
