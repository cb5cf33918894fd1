using System.Security.Claims;
using System.Security.Cryptography;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Accounts;

/// <summary>
/// How long sessions last (<c>Knotwork:Sessions</c>), as ASVS 3.3 asks: an idle timeout (30 minutes for staff, an
/// hour for clients) and an absolute lifetime (12 hours) after which everyone signs in again.
/// </summary>
internal sealed class SessionSettings
{
    public const string Section = "Knotwork:Sessions";

    /// <summary>Staff (owner, therapists) are signed out after this long without a request.</summary>
    public TimeSpan StaffIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Clients are signed out after this long without a request.</summary>
    public TimeSpan ClientIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// Keeps sign-in sessions in the database (<see cref="SessionRecord"/>); the cookie holds only a random key. A
/// session ends on the server when it is signed out, when the account's security stamp changes (a new password,
/// a two-factor change, sign out everywhere), when it has been idle too long, or at its absolute end: a copied
/// cookie stops working at that moment, not when the browser forgets it.
/// </summary>
/// <remarks>A singleton (the cookie options hold it): each call uses its own short-lived DbContext.</remarks>
internal sealed class SessionStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<SessionSettings> settings, TimeProvider clock)
    : ITicketStore
{
    /// <summary>How stale <see cref="SessionRecord.LastSeenAtUtc"/> may get before a request writes it again.</summary>
    private static readonly TimeSpan SeenPrecision = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Knotwork.Sessions.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        var principal = ticket.Principal;
        var session = new SessionRecord
        {
            Key = Base64UrlKey(),
            UserId = Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a user id.")),
            SecurityStamp = Stamp(principal),
            Staff = principal.IsInRole(Roles.Owner) || principal.IsInRole(Roles.Therapist),
            CreatedAtUtc = now,
            LastSeenAtUtc = now,
            ExpiresAtUtc = now + settings.Value.AbsoluteLifetime,
            Ticket = Protect(ticket),
        };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);

        // Sessions that ended without a sign-out (idle, expired, a copied cookie never used again) go with the next sign-in.
        await db.Sessions.Where(s => s.UserId == session.UserId && s.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        return session.Key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>
    /// The same session with a new ticket (a refreshed sign-in after a security change): the absolute end stays. The
    /// cookie handler also renews when someone signs in while the browser holds a session cookie: if that session is
    /// another account's (a cookie planted to fixate a session), the session is ended instead of handed over.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var principal = ticket.Principal;
        var userId = Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a user id."));
        var stamp = Stamp(principal);
        var staff = principal.IsInRole(Roles.Owner) || principal.IsInRole(Roles.Therapist);
        var bytes = Protect(ticket);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var renewed = await db.Sessions.Where(s => s.Key == key && s.UserId == userId).ExecuteUpdateAsync(
            u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.SecurityStamp, stamp).SetProperty(s => s.Staff, staff), cancellationToken);
        if (renewed == 0)
        {
            await db.Sessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
        }
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    /// <summary>
    /// The session's ticket, or null when the session has ended: removed, idle past its timeout, past its absolute
    /// end, or issued under a security stamp the account no longer has. One query reads the session with the stamp.
    /// </summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        var found = await db.Sessions.AsNoTracking()
            .Where(s => s.Key == key)
            .Select(s => new { Session = s, Stamp = db.Users.Where(u => u.Id == s.UserId).Select(u => u.SecurityStamp).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var session = found.Session;
        var idle = session.Staff ? settings.Value.StaffIdleTimeout : settings.Value.ClientIdleTimeout;
        if (now >= session.ExpiresAtUtc || now - session.LastSeenAtUtc >= idle || !string.Equals(found.Stamp, session.SecurityStamp, StringComparison.Ordinal))
        {
            await db.Sessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        AuthenticationTicket? ticket;
        try
        {
            ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException)
        {
            // Keys lost or rotated away: the session cannot be read, so it has ended.
            await db.Sessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        if (now - session.LastSeenAtUtc >= SeenPrecision)
        {
            await db.Sessions.Where(s => s.Key == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now), cancellationToken);
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        await db.Sessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    /// <summary>The claim Identity puts the security stamp in (its default, which Knotwork does not change).</summary>
    private static readonly string StampClaim = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;

    private static string? Stamp(ClaimsPrincipal principal) => principal.FindFirstValue(StampClaim);

    private static string Base64UrlKey() => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}

/// <summary>Ends every session of an account on the server, for "sign out everywhere" and security changes.</summary>
internal static class SessionExtensions
{
    public static Task<int> EndSessionsAsync(this KnotworkDbContext db, Guid userId, CancellationToken cancellationToken = default) =>
        db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>Wires the session store into the sign-in cookie.</summary>
internal sealed class SessionCookieSetup(SessionStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name == IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = store;
        }
    }
}
