using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Data.Sessions;
using Knotwork.Domain.Anatomy;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Clients;

/// <summary>One pain rating on the progress chart.</summary>
/// <param name="Date">When, in the practice's calendar.</param>
/// <param name="Value">0-10.</param>
/// <param name="Source">"at the visit" (the pain map's worst place) or "check-in" (pain now, two days after).</param>
internal sealed record PainPoint(LocalDate Date, int Value, string Source);

/// <summary>A trigger point's course on one side, as the progress table shows it.</summary>
internal sealed record PointRow(string Name, string MuscleSlug, Side Side, PointCourse Course);

/// <summary>
/// A client's progress: pain (0-10) across visits and check-ins as a server-drawn SVG chart with the same numbers in a
/// table, and each trigger point's course over visits (active or latent, pressure tolerated, time to release); a point
/// active at three visits or more is marked chronic, with a prompt to review what keeps it going. Visible to the
/// client, their therapists and the owner; every view is audited.
/// </summary>
[Authorize]
internal sealed class ProgressModel(KnotworkDbContext db, KnowledgeBase kb, AuditTrail audit) : PageModel
{
    public ClientRecord Client { get; private set; } = null!;

    public IReadOnlyList<PainPoint> Pain { get; private set; } = [];

    public IReadOnlyList<PointRow> Points { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var client = await db.Clients.AsNoTracking().VisibleTo(User).SingleOrDefaultAsync(c => c.Id == id);
        if (client is null)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, id.ToString(), "progress");
            return NotFound();
        }

        Client = client;
        var zone = await db.TimeZoneAsync();
        LocalDate Day(DateTime utc) => LocalDate.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
        var staff = User.IsInRole(Accounts.Roles.Owner) || User.IsInRole(Accounts.Roles.Therapist);
        var visits = await db.Visits.AsNoTracking().Where(v => v.ClientId == id && (staff || v.Status == VisitStatus.Signed)).ToListAsync();
        visits = [.. visits.OrderBy(v => v.StartedAtUtc)];
        var visitIds = visits.Select(v => v.Id).ToList();
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => visitIds.Contains(c.VisitId) && c.AnsweredAtUtc != null).ToListAsync();
        var maps = await db.PainMaps.AsNoTracking().Where(m => m.ClientId == id).ToListAsync();

        var pain = new List<PainPoint>();
        var charted = new List<(LocalDate, ChartEntry)>();
        foreach (var visit in visits)
        {
            var map = maps.Where(m => m.RecordedAtUtc <= visit.StartedAtUtc.AddHours(12)).MaxBy(m => m.RecordedAtUtc);
            if (map?.Marks.Select(k => k.Intensity).Max() is { } worst)
                pain.Add(new PainPoint(Day(visit.StartedAtUtc), worst, "at the visit"));
            charted.AddRange((await db.ChartOfAsync(visit.Id)).Select(e => (Day(visit.StartedAtUtc), e)));
        }

        foreach (var checkIn in checkIns)
        {
            if (checkIn.Answers() is { } answers)
                pain.Add(new PainPoint(Day(checkIn.AnsweredAtUtc!.Value), answers.PainNow, "check-in"));
        }

        Pain = [.. pain.OrderBy(p => p.Date)];
        Points = [.. PointProgress.Courses(charted)
            .Select(c => new PointRow(Name(c.Key.TriggerPointId), kb.TryGetTriggerPoint(c.Key.TriggerPointId, out var tp) ? tp.MuscleSlug : "", c.Key.Side, c.Value))
            .OrderByDescending(r => r.Course.IsChronic).ThenByDescending(r => r.Course.ActiveVisits).ThenBy(r => r.Name, StringComparer.Ordinal)];
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Client, id.ToString(), $"progress: {visits.Count} visits");
        return Page();
    }

    private string Name(string fullId) =>
        kb.TryGetTriggerPoint(fullId, out var tp) && kb.TryGetMuscle(tp.MuscleSlug, out var m) ? $"{m.Name}: {tp.Name}" : fullId;

    /// <summary>The pain ratings as an SVG line chart (0-10 upwards, oldest left); its text equivalent is the table under it.</summary>
    public IHtmlContent PainChart()
    {
        const int width = 320, height = 160, left = 28, top = 8, bottom = 24;
        var plotH = height - top - bottom;
        var plotW = width - left - 8;
        string X(int i) => (left + (Pain.Count == 1 ? plotW / 2.0 : i * plotW / (double)(Pain.Count - 1))).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(int v) => (top + plotH - (v * plotH / 10.0)).ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"progress-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"pain-chart-title\">");
        svg.Append("<title id=\"pain-chart-title\">Pain from 0 to 10 over time; the table below gives each value.</title>");
        foreach (var v in new[] { 0, 5, 10 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 8}\" y1=\"{Y(v)}\" y2=\"{Y(v)}\" stroke=\"#d8d2c8\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(v)}\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"11\" fill=\"#5f5a52\">{v}</text>");
        }

        if (Pain.Count > 1)
            svg.Append("<polyline fill=\"none\" stroke=\"#9b3f2b\" stroke-width=\"2\" points=\"").AppendJoin(' ', Pain.Select((p, i) => $"{X(i)},{Y(p.Value)}")).Append("\"/>");
        for (var i = 0; i < Pain.Count; i++)
        {
            var p = Pain[i];
            var fill = p.Source == "check-in" ? "#ffffff" : "#9b3f2b";
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i)}\" cy=\"{Y(p.Value)}\" r=\"4\" fill=\"{fill}\" stroke=\"#9b3f2b\" stroke-width=\"2\"><title>{HtmlEncoder.Default.Encode($"{p.Date:MMM d}: {p.Value}/10 ({p.Source})")}</title></circle>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
