using System.Text.Json;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Clients;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Clients;

/// <summary>
/// One client's record and pain maps over time. Visible to the client, their assigned therapists and the owner;
/// to anyone else it does not exist (404). Every view and change is audited.
/// </summary>
[Authorize]
internal sealed class DetailsModel(
    KnotworkDbContext db, UserManager<KnotworkUser> users, AuditTrail audit, TimeProvider clock) : PageModel
{
    public ClientRecord Client { get; private set; } = null!;

    /// <summary>What needs a doctor's clearance, the precautions and where the consents stand, today.</summary>
    public ClientPrecautions Precautions { get; private set; } = null!;

    public IReadOnlyList<PainMapRecord> Maps { get; private set; } = [];

    /// <summary>The client's visits, newest first (a client sees the signed ones, with their aftercare).</summary>
    public IReadOnlyList<VisitRecord> Visits { get; private set; } = [];

    /// <summary>The check-in of each visit that has one.</summary>
    public IReadOnlyDictionary<Guid, CheckInRecord> CheckIns { get; private set; } = new Dictionary<Guid, CheckInRecord>();

    public IReadOnlyDictionary<Guid, string> People { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<KnotworkUser> Therapists { get; private set; } = [];

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? saved)
    {
        if (!await Load(id))
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, id.ToString(), "record");
            return NotFound();
        }

        Message = saved == "1" ? "Pain map saved." : null;
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Client, id.ToString(), $"{Maps.Count} pain maps shown");
        return Page();
    }

    /// <summary>The owner assigns a therapist to the client.</summary>
    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid therapistId)
    {
        if (!User.IsInRole(Roles.Owner))
        {
            return Forbid();
        }

        var client = await db.Clients.Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == id);
        var therapist = await users.FindByIdAsync(therapistId.ToString());
        if (client is null)
        {
            return NotFound();
        }

        if (therapist is null || !await users.IsInRoleAsync(therapist, Roles.Therapist))
        {
            return BadRequest("Choose one of the practice's therapists.");
        }

        if (client.Assignments.All(a => a.TherapistId != therapistId))
        {
            client.Assignments.Add(new TherapistAssignment { ClientId = id, TherapistId = therapistId, AssignedAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            await audit.RecordAsync(AuditAction.Update, AuditSubject.Client, id.ToString(), $"assigned therapist {therapist.Email}");
        }

        return Redirect($"/clients/{id}");
    }

    private async Task<bool> Load(Guid id)
    {
        var client = await db.Clients.VisibleTo(User).AsNoTracking().Include(c => c.Assignments).SingleOrDefaultAsync(c => c.Id == id);
        if (client is null)
        {
            return false;
        }

        Client = client;
        Maps = await db.PainMaps.AsNoTracking().Where(p => p.ClientId == id).OrderByDescending(p => p.RecordedAtUtc).Take(50).ToListAsync();
        var staff = User.IsInRole(Roles.Owner) || User.IsInRole(Roles.Therapist);
        Visits = await db.Visits.AsNoTracking().Where(v => v.ClientId == id && (staff || v.Status == VisitStatus.Signed))
            .OrderByDescending(v => v.StartedAtUtc).Take(50).ToListAsync();
        var visitIds = Visits.Select(v => v.Id).ToList();
        CheckIns = await db.CheckIns.AsNoTracking().Where(c => visitIds.Contains(c.VisitId)).ToDictionaryAsync(c => c.VisitId);
        var ids = Maps.Select(m => m.RecordedById).OfType<Guid>().Concat(client.Assignments.Select(a => a.TherapistId)).Distinct().ToList();
        People = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        Zone = await db.TimeZoneAsync();
        Precautions = client.Precautions(await db.TodayAsync(clock));
        if (User.IsInRole(Roles.Owner))
        {
            Therapists = [.. await users.GetUsersInRoleAsync(Roles.Therapist)];
        }

        return true;
    }

    /// <summary>The top candidates stored with a map: (name, side) pairs from its result JSON.</summary>
    public static IEnumerable<(string Name, string Side)> TopCandidates(PainMapRecord map, int count)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var doc = JsonDocument.Parse(map.ResultJson);
        if (!doc.RootElement.TryGetProperty("candidates", out var candidates))
        {
            yield break;
        }

        foreach (var c in candidates.EnumerateArray().Take(count))
        {
            yield return (c.GetProperty("name").GetString() ?? string.Empty, c.GetProperty("side").GetString() ?? string.Empty);
        }
    }
}
