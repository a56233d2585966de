using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Workflows.Governance.Assembly.Consultations;
using Workflows.Governance.Assembly.Nominations;
using Workflows.Governance.Assembly.Records;
using Workflows.Governance.Assembly.WorkProgramme;
using Workflows.Governance.Documents;
using Workflows.Governance.Proposals.Http;

namespace Workflows.Governance.Assembly.Http;

/// <summary>The routes that start rounds: a nomination round over the configured CCGs, and a consultation or a
/// work-programme round over the leads of a closed nomination round's roster. 202 with the status route; 400 naming
/// every invalid field, with nothing started or stored; 409 for an id in use or a roster not yet written.</summary>
internal sealed class StartRoundEndpoints(ProposalApiOptions limits)
{
    /// <summary>The most draft documents one consultation takes.</summary>
    public const int MaxDrafts = 10;

    /// <summary>The longest title.</summary>
    public const int MaxTitleLength = 200;

    // As the record was written (WriteAssemblyRecordActivity).
    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    /// <summary>POST <c>/api/assembly/nominations</c>.</summary>
    public static async Task<IResult> NominationsAsync(
        HttpContext context, DurableTaskClient client, AssemblyConfiguration assembly, IOptions<AssemblyTimingOptions> timing, TimeProvider clock, ILoggerFactory loggers)
    {
        (StartNominationRoundRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync(context, ProposalRequestReader.MaxActionBodyBytes, new StartNominationRoundRequest());
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        DateTime now = clock.GetUtcNow().UtcDateTime;
        string? id = AssemblyRequestFields.Id(errors, "id", request.Id);
        DateTime? closesAt = AssemblyRequestFields.ClosesAt(errors, request.ClosesAt, now, now + timing.Value.NominationPeriod);
        IReadOnlyList<MemberCcg>? members = AssemblyRequestFields.Members(errors, request.Members, assembly.Members, m => m.Id, "a member CCG of the assembly");
        if (!errors.IsEmpty)
        {
            return Invalid(loggers, errors);
        }

        var input = new NominationRoundInput
        {
            RoundId = id ?? AssemblyRequestFields.NewId("nr"),
            AssemblyName = assembly.Name,
            Members = members!,
            DesignGroup = assembly.DesignGroup.Members,
            ClosesAt = closesAt!.Value,
            ReminderInterval = timing.Value.ReminderInterval,
            EscalateAfter = timing.Value.EscalateAfter,
            StableEmailKeys = true,
        };
        return await ScheduleAsync(context, client, loggers, AssemblyRoundKind.Nominations, input.RoundId, input, members!.Count, input.ClosesAt);
    }

    /// <summary>POST <c>/api/assembly/consultations</c>.</summary>
    public async Task<IResult> ConsultationsAsync(
        HttpContext context, DurableTaskClient client, AssemblyConfiguration assembly, IOptions<AssemblyTimingOptions> timing, IDocumentStore documents, TimeProvider clock, ILoggerFactory loggers)
    {
        (StartConsultationRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<StartConsultationRequest>(context, limits.MaxRequestBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        DateTime now = clock.GetUtcNow().UtcDateTime;
        string? id = AssemblyRequestFields.Id(errors, "id", request.Id);
        string? title = Title(errors, request.Title);
        DateTime? closesAt = AssemblyRequestFields.ClosesAt(errors, request.ClosesAt, now, now + timing.Value.ConsultationPeriod);
        List<(DraftUpload Upload, byte[] Content)> drafts = this.Drafts(errors, request.Documents);
        (Roster? roster, IResult? noRoster) = await RosterAsync(errors, client, documents, request.NominationRound, context.RequestAborted);
        IReadOnlyList<MemberContact>? members = roster is null ? null : LeadsOf(errors, request.Members, roster);
        if (request.PreviousRound is { } previous
            && await client.GetInstanceAsync(previous, getInputsAndOutputs: false, context.RequestAborted) is not { Name: nameof(ConsultationOrchestrator) })
        {
            errors.Add("previousRound", $"There is no consultation '{previous}' for this round to follow.");
        }

        if (!errors.IsEmpty)
        {
            return Invalid(loggers, errors);
        }

        if (noRoster is not null)
        {
            return noRoster;
        }

        string consultationId = id ?? AssemblyRequestFields.NewId("c");
        if (await client.GetInstanceAsync(consultationId, getInputsAndOutputs: false, context.RequestAborted) is not null)
        {
            return InUse(consultationId);
        }

        var stored = new List<DraftDocument>();
        foreach ((DraftUpload upload, byte[] content) in drafts)
        {
            string path = AssemblyRecordPaths.Draft(consultationId, upload.Name!);
            try
            {
                await documents.SaveAsync(path, content, upload.ContentType!, overwrite: false, context.RequestAborted);
            }
            catch (DocumentAlreadyExistsException)
            {
                return ProposalProblems.Conflict("Consultation id in use", $"Drafts are already stored for consultation id '{consultationId}' (drafts are written once); choose another id.");
            }

            stored.Add(new DraftDocument(upload.Id!, upload.Title!.Trim(), upload.Name!, upload.ContentType!, path, content.Length));
        }

        var input = new ConsultationInput
        {
            ConsultationId = consultationId,
            Title = title!,
            AssemblyName = assembly.Name,
            Documents = stored,
            Members = members!,
            DesignGroup = assembly.DesignGroup.Members,
            ClosesAt = closesAt!.Value,
            ReminderBeforeClose = timing.Value.ReminderBeforeClose,
            PreviousRoundId = request.PreviousRound,
            NominationRoundId = roster!.RoundId,
            StableEmailKeys = true,
        };
        return await ScheduleAsync(context, client, loggers, AssemblyRoundKind.Consultations, consultationId, input, members!.Count, input.ClosesAt);
    }

    /// <summary>POST <c>/api/assembly/work-programme</c>.</summary>
    public static async Task<IResult> WorkProgrammeAsync(
        HttpContext context, DurableTaskClient client, AssemblyConfiguration assembly, IOptions<AssemblyTimingOptions> timing, IDocumentStore documents, TimeProvider clock, ILoggerFactory loggers)
    {
        (StartWorkProgrammeRequest? request, IResult? malformed) = await ProposalRequestReader.ReadAsync<StartWorkProgrammeRequest>(context, ProposalRequestReader.MaxActionBodyBytes);
        if (request is null)
        {
            return malformed!;
        }

        var errors = new ProposalValidationErrors();
        DateTime now = clock.GetUtcNow().UtcDateTime;
        string? id = AssemblyRequestFields.Id(errors, "id", request.Id);
        DateTime? closesAt = AssemblyRequestFields.ClosesAt(errors, request.ClosesAt, now, now + timing.Value.InterestPeriod);
        (Roster? roster, IResult? noRoster) = await RosterAsync(errors, client, documents, request.NominationRound, context.RequestAborted);
        IReadOnlyList<MemberContact>? members = roster is null ? null : LeadsOf(errors, request.Members, roster);
        if (!errors.IsEmpty)
        {
            return Invalid(loggers, errors);
        }

        if (noRoster is not null)
        {
            return noRoster;
        }

        var input = new WorkProgrammeInput
        {
            RoundId = id ?? AssemblyRequestFields.NewId("wp"),
            AssemblyName = assembly.Name,
            Members = members!,
            Groups = assembly.Groups,
            DesignGroup = assembly.DesignGroup.Members,
            ClosesAt = closesAt!.Value,
            ReminderBeforeClose = timing.Value.ReminderBeforeClose,
            NominationRoundId = roster!.RoundId,
            StableEmailKeys = true,
        };
        return await ScheduleAsync(context, client, loggers, AssemblyRoundKind.WorkProgramme, input.RoundId, input, members!.Count, input.ClosesAt);
    }

    private static async Task<IResult> ScheduleAsync(
        HttpContext context, DurableTaskClient client, ILoggerFactory loggers, AssemblyRoundKind kind, string id, object input, int memberCount, DateTime closesAt)
    {
        try
        {
            // Every status dedupes: a round id names one round for good, even once it is closed.
            await client.ScheduleNewOrchestrationInstanceAsync(
                kind.Orchestrator,
                input,
                new StartOrchestrationOptions(id).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
                context.RequestAborted);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return InUse(id);
        }

        ILogger logger = loggers.CreateLogger(AssemblyApiLog.Category);
        AssemblyApiLog.Started(logger, kind.Segment, id, memberCount, closesAt);
        Uri status = AssemblyRequestFields.StatusUrl(context.Request, kind, id);
        return TypedResults.Accepted(status, new AssemblyActionAccepted(id, "start", [id], status));
    }

    // The roster of a closed nomination round; a missing or unknown round is a field error, one still open a 409. A round
    // closes when its roster is written, a moment before its orchestration completes (it still sends the roster's email):
    // from then on the record stands for the output, as the record route already shows it.
    private static async Task<(Roster? Roster, IResult? Refused)> RosterAsync(
        ProposalValidationErrors errors, DurableTaskClient client, IDocumentStore documents, string? roundId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(roundId))
        {
            errors.Add("nominationRound", "Name the closed nomination round whose roster's leads take part.");
            return (null, null);
        }

        OrchestrationMetadata? round = await client.GetInstanceAsync(roundId, getInputsAndOutputs: true, cancellationToken);
        if (round is not { Name: nameof(NominationRoundOrchestrator) })
        {
            errors.Add("nominationRound", $"There is no nomination round '{roundId}'.");
            return (null, null);
        }

        Roster? roster = round.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed => round.ReadOutputAs<Roster>(),
            OrchestrationRuntimeStatus.Running => await WrittenRosterAsync(documents, roundId, cancellationToken),
            _ => null,
        };
        if (roster is null)
        {
            return (null, ProposalProblems.Conflict("Roster not written yet", $"The nomination round '{roundId}' has not closed ({round.RuntimeStatus}); its roster is written at its close."));
        }

        if (roster.Leads.Count == 0)
        {
            return (null, ProposalProblems.Conflict("Roster is empty", $"The roster of nomination round '{roundId}' has no accepted lead."));
        }

        return (roster, null);
    }

    private static async Task<Roster?> WrittenRosterAsync(IDocumentStore documents, string roundId, CancellationToken cancellationToken)
    {
        string path = AssemblyRecordPaths.Json(AssemblyRecordKind.Roster, roundId);
        if (!DocumentPath.IsValid(path))
        {
            return null;
        }

        await using StoredDocument? record = await documents.OpenAsync(path, cancellationToken);
        return record is null ? null : await JsonSerializer.DeserializeAsync<Roster>(record.Content, RecordJson, cancellationToken);
    }

    private static IReadOnlyList<MemberContact>? LeadsOf(ProposalValidationErrors errors, IReadOnlyList<string?>? ids, Roster roster) =>
        AssemblyRequestFields.Members(errors, ids, roster.Members(), m => m.Id, $"a member with a lead on the roster of '{roster.RoundId}'");

    private static string? Title(ProposalValidationErrors errors, string? title)
    {
        string trimmed = title?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxTitleLength || trimmed.AsSpan().ContainsAny('\r', '\n'))
        {
            errors.Add("title", $"The title is required: one line of at most {MaxTitleLength} characters.");
            return null;
        }

        return trimmed;
    }

    private List<(DraftUpload Upload, byte[] Content)> Drafts(ProposalValidationErrors errors, IReadOnlyList<DraftUpload?>? uploads)
    {
        var drafts = new List<(DraftUpload, byte[])>();
        if (uploads is not { Count: > 0 and <= MaxDrafts })
        {
            errors.Add("documents", $"Give 1 to {MaxDrafts} draft documents, each {{ \"id\", \"title\", \"name\", \"contentType\", \"contentBase64\" }}.");
            return drafts;
        }

        for (int i = 0; i < uploads.Count; i++)
        {
            string at = $"documents[{i}]";
            if (uploads[i] is not { } upload)
            {
                errors.Add(at, "Each document must be an object.");
                continue;
            }

            int before = errors.Fields.Count();
            if (!AssemblyConfigurationValidator.IsValidId(upload.Id))
            {
                errors.Add($"{at}.id", "The document's id is required: lowercase letters, digits and single hyphens, such as 'statement-of-intent'.");
            }
            else if (uploads.Take(i).Any(u => u?.Id == upload.Id))
            {
                errors.Add($"{at}.id", $"The id '{upload.Id}' is used by an earlier document.");
            }

            if (string.IsNullOrWhiteSpace(upload.Title) || upload.Title.Trim().Length > MaxTitleLength)
            {
                errors.Add($"{at}.title", $"The document's title is required, at most {MaxTitleLength} characters.");
            }

            if (upload.Name is null || upload.Name.Contains('/', StringComparison.Ordinal) || !DocumentPath.IsValid(AssemblyRecordPaths.Draft("c", upload.Name)))
            {
                errors.Add($"{at}.name", "The file name is required: ASCII letters, digits, spaces and - _ . ( ) + , = @, such as 'statement-of-intent.pdf'.");
            }
            else if (uploads.Take(i).Any(u => u?.Name == upload.Name))
            {
                errors.Add($"{at}.name", $"The name '{upload.Name}' is used by an earlier document.");
            }

            if (string.IsNullOrWhiteSpace(upload.ContentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(upload.ContentType, out _))
            {
                errors.Add($"{at}.contentType", "The content type is required, a media type such as 'application/pdf'.");
            }

            byte[]? content = null;
            try
            {
                content = string.IsNullOrEmpty(upload.ContentBase64) ? null : Convert.FromBase64String(upload.ContentBase64);
            }
            catch (FormatException)
            {
                errors.Add($"{at}.contentBase64", "The content is not valid base64.");
            }

            if (content is null || content.Length == 0 || content.Length > limits.MaxDocumentBytes)
            {
                if (!errors.Fields.Contains($"{at}.contentBase64"))
                {
                    errors.Add($"{at}.contentBase64", $"The content is required, base64-encoded, 1 to {limits.MaxDocumentBytes} bytes (Governance:MaxDocumentBytes).");
                }
            }
            else if (errors.Fields.Count() == before)
            {
                drafts.Add((upload, content));
            }
        }

        return drafts;
    }

    private static IResult Invalid(ILoggerFactory loggers, ProposalValidationErrors errors)
    {
        string fields = string.Join(", ", errors.Fields);
        ILogger logger = loggers.CreateLogger(AssemblyApiLog.Category);
        AssemblyApiLog.Invalid(logger, fields);
        return ProposalProblems.Invalid(errors);
    }

    private static IResult InUse(string id) =>
        ProposalProblems.Conflict("Round id in use", $"The id '{id}' is in use by another workflow instance; choose another id.");
}
