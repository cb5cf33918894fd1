using Knotwork.Data;
using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Events;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// The employer's roster of a confirmed chair massage event, opened with the roster link (a wrong token gets a 404):
/// who comes when, names and times only (never e-mail addresses or screening answers), closing the sign-up, and after
/// the event the summary (slots offered, taken, attended).
/// </summary>
internal sealed class RosterModel(EventStore store, AuditTrail audit, TimeProvider clock, PracticeSchedules schedules, KnotworkDbContext db) : PageModel
{
    /// <summary>The event's figures (slots offered, taken, attended), or null.</summary>
    public EventSummary? Summary { get; private set; }

    public EventRoster Roster { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, string? token, CancellationToken cancellationToken) =>
        await Load(id, token, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCloseAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        if (!Roster.SignUpClosed && !Roster.CalledOff && await store.CloseSignUpAsync(Token, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken))
            await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, id.ToString(), "sign-up closed with the roster link", CancellationToken.None);
        return Redirect(ChairEventText.RosterPath(id, Token));
    }

    private async Task<IActionResult?> Load(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (!ChairEventText.Plausible(token) || await store.RosterAsync(token!, cancellationToken) is not { } roster || roster.EventId != id)
            return NotFound();
        (Roster, Token) = (roster, token!);
        if ((await schedules.CurrentAsync(db, cancellationToken)).Schedule is { } practice)
            Summary = await store.SummaryAsync(id, practice.Setup, StraightLineTravel.For(practice.Setup), cancellationToken);
        return null;
    }
}
