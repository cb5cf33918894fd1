using Knotwork.Data.Events;
using Knotwork.Domain.Audit;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Knotwork.Web.Pages.Events;

/// <summary>
/// The employer's roster of a confirmed chair massage event, opened with the roster link (a wrong token gets a 404):
/// who comes when, names and times only (never e-mail addresses or screening answers), and closing the sign-up.
/// </summary>
internal sealed class RosterModel(EventStore store, AuditTrail audit, TimeProvider clock) : PageModel
{
    public EventRoster Roster { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, string? token, CancellationToken cancellationToken) =>
        await Load(id, token, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCloseAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (await Load(id, token, cancellationToken) is { } missing)
            return missing;
        if (!Roster.SignUpClosed && await store.CloseSignUpAsync(Token, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken))
            await audit.RecordAsync(AuditAction.Update, AuditSubject.ChairEvent, id.ToString(), "sign-up closed with the roster link", CancellationToken.None);
        return Redirect(ChairEventText.RosterPath(id, Token));
    }

    private async Task<IActionResult?> Load(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (!ChairEventText.Plausible(token) || await store.RosterAsync(token!, cancellationToken) is not { } roster || roster.EventId != id)
            return NotFound();
        (Roster, Token) = (roster, token!);
        return null;
    }
}
