using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Pages.Clients;
using Knotwork.Web.Pages.Treatment;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Api;

/// <summary>
/// Charting a visit (issue 10): the therapist's phone sends the trigger points it charted, maybe many times and after
/// a while offline; each entry carries an id made on the phone, so it is stored once however often it comes. Staff
/// only (the owner, or a therapist assigned to the client), with the page's antiforgery token in the
/// <c>RequestVerificationToken</c> header; every read and change is audited.
/// </summary>
internal static class VisitEndpoints
{
    /// <summary>The most entries one sync may carry.</summary>
    public const int MaxEntries = 200;

    public static IEndpointRouteBuilder MapVisits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/visits").WithTags("Visits").RequireAuthorization(Roles.StaffPolicy);

        group.MapGet("/{id:guid}/chart", async Task<Results<Ok<ChartDto>, NotFound>> (
                Guid id, HttpContext http, KnotworkDbContext db, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                var visit = await db.Visits.AsNoTracking().VisibleTo(db, http.User).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
                if (visit is null)
                {
                    await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Visit, id.ToString(), "chart", cancellationToken);
                    return TypedResults.NotFound();
                }

                var entries = await db.ChartOfAsync(id, cancellationToken);
                await audit.RecordAsync(AuditAction.Read, AuditSubject.Visit, id.ToString(), $"chart: {entries.Count} points", cancellationToken);
                return TypedResults.Ok(new ChartDto(id, visit.Status == VisitStatus.Signed ? "signed" : "open", [.. entries.Select(ToDto)]));
            })
            .WithName("GetChart")
            .WithSummary("The trigger points charted at a visit (staff: the owner or a therapist assigned to the client).");

        group.MapPost("/{id:guid}/chart", async Task<Results<Ok<SyncDto>, NotFound, ValidationProblem, ProblemHttpResult>> (
                Guid id, ChartSyncRequest? request, HttpContext http, IAntiforgery antiforgery, KnotworkDbContext db,
                KnowledgeBase kb, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                    return TypedResults.Problem("Send the page's antiforgery token in the RequestVerificationToken header.", statusCode: StatusCodes.Status400BadRequest, title: "Missing or stale antiforgery token");
                var visit = await db.Visits.AsNoTracking().VisibleTo(db, http.User).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
                if (visit is null)
                {
                    await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Visit, id.ToString(), "chart sync", cancellationToken);
                    return TypedResults.NotFound();
                }

                var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
                var (entries, errors) = Read(request, kb, now);
                if (errors.Count > 0)
                    return TypedResults.ValidationProblem(errors, title: "The chart cannot be stored as sent");

                var me = http.User.UserId()!.Value;
                switch (await db.SyncChartAsync(id, entries, me, now.ToDateTimeUtc(), cancellationToken))
                {
                    case ChartSyncOutcome.Synced(var counts):
                        if (counts.Added + counts.Updated > 0)
                            await audit.RecordAsync(AuditAction.Update, AuditSubject.Visit, id.ToString(), $"chart: {counts.Added} added, {counts.Updated} updated", cancellationToken);
                        return TypedResults.Ok(new SyncDto(counts.Added, counts.Updated, counts.Unchanged));
                    case ChartSyncOutcome.VisitSigned:
                        return TypedResults.Problem("The note for this visit is signed, so its chart is locked. Add an amendment to the note instead.", statusCode: StatusCodes.Status409Conflict, title: "The chart is locked");
                    case ChartSyncOutcome.IdTaken(var entryId):
                        return TypedResults.Problem($"Entry id {entryId} belongs to another visit; make a new id for a new entry.", statusCode: StatusCodes.Status409Conflict, title: "Entry id taken");
                    default:
                        return TypedResults.NotFound();
                }
            })
            .WithName("SyncChart")
            .WithSummary("Stores the trigger points charted at a visit. Each entry's id is made on the device: a retried sync stores it once, and a newer recordedAt replaces the stored copy. 409 when the note is signed.");

        return app;
    }

    private static (List<ChartEntry> Entries, Dictionary<string, string[]> Errors) Read(ChartSyncRequest? request, KnowledgeBase kb, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        var entries = new List<ChartEntry>();
        if (request?.Entries is not { Count: > 0 } list)
        {
            errors["entries"] = ["Send at least one entry."];
            return (entries, errors);
        }

        if (list.Count > MaxEntries)
        {
            errors["entries"] = [$"Send at most {MaxEntries} entries at a time."];
            return (entries, errors);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var dto = list[i];
            var prefix = $"entries[{i}]";
            var side = VisitAccess.ParseSide(dto?.Side);
            var signs = VisitAccess.ParseSigns(dto?.Signs ?? []);
            var followUp = VisitAccess.ParseFollowUp(dto?.FollowUp ?? []);
            var problems = new List<(string Field, string Message)>();
            if (dto is null)
            {
                errors[prefix] = ["Each entry is an object."];
                continue;
            }

            if (dto.Id is null) problems.Add(("id", "Each entry needs its own id, made on the device."));
            if (side is null) problems.Add(("side", "The side is 'left', 'right' or 'midline'."));
            if (signs is null) problems.Add(("signs", "Signs are taut-band, tender-spot, recognised-pain, referred-pain and local-twitch."));
            if (followUp is null) problems.Add(("followUp", "Follow-up work is stroking, kneading, cross-fibre, stretch, active-movement or heat."));
            if (dto.RecordedAt is null) problems.Add(("recordedAt", "Say when the entry was made (ISO 8601 with an offset)."));
            if (problems.Count == 0)
            {
                var entry = new ChartEntry
                {
                    Id = dto.Id!.Value, TriggerPointId = dto.TriggerPoint ?? "", Side = side!.Value, Signs = signs!.Value,
                    PressureTolerance = dto.PressureTolerance,
                    Release = dto.Release is { } r ? VisitAccess.Release(r.Seconds, r.Softened) : null,
                    FollowUp = followUp!, Minutes = dto.Minutes, RecordedAt = Instant.FromDateTimeOffset(dto.RecordedAt!.Value),
                };
                problems.AddRange(entry.Problems(kb, now));
                if (problems.Count == 0)
                    entries.Add(entry);
            }

            foreach (var group in problems.GroupBy(p => p.Field))
                errors[$"{prefix}.{group.Key}"] = [.. group.Select(p => p.Message)];
        }

        return (entries, errors);
    }

    internal static ChartEntryDto ToDto(ChartEntry e) => new(
        e.Id, e.TriggerPointId, VisitAccess.Code(e.Side), [.. VisitAccess.Codes(e.Signs)], e.PressureTolerance,
        e.Release is null ? null : new ReleaseDto(e.Release.Held.TotalSeconds, e.Release is ReleaseOutcome.Released),
        [.. e.FollowUp.Select(VisitAccess.Code)], e.Minutes, e.RecordedAt.ToDateTimeOffset(),
        e.Status switch { PointStatus.Active => "active", PointStatus.Latent => "latent", _ => "not-confirmed" });
}

/// <summary>A sync: the entries charted (or changed) since the last one that succeeded.</summary>
internal sealed record ChartSyncRequest(IReadOnlyList<ChartEntryDto?>? Entries);

/// <summary>One charted trigger point on the wire. <c>status</c> is computed by the server and ignored on input.</summary>
internal sealed record ChartEntryDto(
    Guid? Id, string? TriggerPoint, string? Side, IReadOnlyList<string>? Signs, int? PressureTolerance, ReleaseDto? Release,
    IReadOnlyList<string>? FollowUp, int? Minutes, DateTimeOffset? RecordedAt, string? Status = null);

/// <summary>How pressure release ended: seconds held, and whether the point softened.</summary>
internal sealed record ReleaseDto(double Seconds, bool Softened);

/// <summary>A visit's chart.</summary>
internal sealed record ChartDto(Guid Visit, string Status, IReadOnlyList<ChartEntryDto> Entries);

/// <summary>What a sync stored.</summary>
internal sealed record SyncDto(int Added, int Updated, int Unchanged);
