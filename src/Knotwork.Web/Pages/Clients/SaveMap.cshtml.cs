using System.Buffers;
using System.Text;
using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Clients;

/// <summary>
/// Saves a pain map from the finder page to a client's record: the client's own, or, for staff, a client they may
/// see. The form carries its own id (saveId), so a double submit or a retry stores the map once.
/// </summary>
[Authorize]
internal sealed class SaveMapModel(KnotworkDbContext db, PainSourceFinder finder, FinderJsonWriter json, AuditTrail audit, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/finder");

    public async Task<IActionResult> OnPostAsync(Guid clientId, string? regions, string? intensity, string? context, Guid saveId, string? note)
    {
        if (!await db.Clients.VisibleTo(User).AnyAsync(c => c.Id == clientId))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, clientId.ToString(), "pain map save refused");
            return NotFound();
        }

        if (saveId == Guid.Empty)
        {
            return Invalid("The form is missing its save id; reload the finder page and save again.");
        }

        var query = FinderQuery.ParseText(regions, intensity, context);
        if (!query.Succeeded)
        {
            return Invalid(query.Error!);
        }

        if (note is { Length: > 2000 })
        {
            return Invalid("The note is longer than 2000 characters.");
        }

        var existing = await db.PainMaps.AsNoTracking().Where(p => p.Id == saveId).Select(p => (Guid?)p.ClientId).SingleOrDefaultAsync();
        if (existing is not null)
        {
            return existing == clientId ? Redirect($"/clients/{clientId}?saved=1") : BadRequest("This save id was already used; reload the finder page.");
        }

        var q = query.Query!;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.Write(writer, finder.Find(q));
        }

        db.PainMaps.Add(new PainMapRecord
        {
            Id = saveId,
            ClientId = clientId,
            RecordedById = User.UserId()!.Value,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
            Marks = q.Regions.Select(r => new PainMapMark(r.Id.Value, q.Intensity.TryGetValue(r, out var v) ? v : null)).ToList(),
            Context = q.Context.Select(f => f.Key).ToList(),
            ResultJson = Encoding.UTF8.GetString(buffer.WrittenSpan),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A concurrent retry of the same form may have won the race: then the map is stored once.
            db.ChangeTracker.Clear();
            if (!await db.PainMaps.AnyAsync(p => p.Id == saveId))
            {
                throw;
            }
        }

        // Which record, not what hurts: the audit log is not encrypted, so health data stays out of it.
        await audit.RecordAsync(AuditAction.Create, AuditSubject.PainMap, saveId.ToString(), $"client {clientId}: {q.Regions.Count} regions");
        return Redirect($"/clients/{clientId}?saved=1");
    }

    /// <summary>Tampered or stale form input: a ProblemDetails answer (its JSON escapes whatever the input held).</summary>
    private static ObjectResult Invalid(string detail) =>
        new(new ProblemDetails { Title = "The pain map could not be saved", Detail = detail, Status = StatusCodes.Status400BadRequest })
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentTypes = { "application/problem+json" },
        };

}
