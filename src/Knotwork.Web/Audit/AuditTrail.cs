using System.Net.Mail;
using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Audit;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Practice;

namespace Knotwork.Web.Audit;

/// <summary>
/// Writes the audit log: every read and change of client health data records who, what, which record, when and
/// from where. Entries are chained (<see cref="AuditChain"/>) and written straight away through a context of their
/// own, so a failed page still leaves its trace and nothing the page has not saved is saved with an entry.
/// </summary>
internal sealed class AuditTrail(IServiceScopeFactory scopes, AuditChain chain, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The longest e-mail address an anonymous attempt can leave in the log.</summary>
    public const int AttemptedEmailLength = 100;

    /// <summary>Records what the signed-in person (or the system) did.</summary>
    public Task RecordAsync(AuditAction action, AuditSubject subject, string? entityId, string? detail = null, CancellationToken cancellationToken = default) =>
        AppendAsync(action, subject, entityId, detail, cancellationToken);

    /// <summary>
    /// Records an attempt a person who is not signed in can cause (a failed sign-in, a reset request). Nothing they
    /// typed is stored as free text: the entry names the account when the address belongs to one, and otherwise
    /// keeps the address only when it is a well-formed e-mail address, shortened to
    /// <see cref="AttemptedEmailLength"/> characters.
    /// </summary>
    public Task RecordAttemptAsync(AuditAction action, string? typedEmail, Guid? accountId, CancellationToken cancellationToken = default)
    {
        var entityId = accountId?.ToString();
        var detail = accountId is null ? "no such account: " + Classify(typedEmail) : null;
        return AppendAsync(action, AuditSubject.Account, entityId, detail, cancellationToken);
    }

    /// <summary>An address as the log may keep it: well-formed and short, or a word that says it was not.</summary>
    internal static string Classify(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return "(empty)";
        }

        if (text.Length > FieldLimits.Email || text.Any(char.IsControl) || !MailAddress.TryCreate(text, out var address) || address.Address != text)
        {
            return "(not an e-mail address)";
        }

        return text.Length <= AttemptedEmailLength ? text.ToLowerInvariant() : text[..AttemptedEmailLength].ToLowerInvariant() + "…";
    }

    private async Task AppendAsync(AuditAction action, AuditSubject subject, string? entityId, string? detail, CancellationToken cancellationToken)
    {
        var context = http.HttpContext;
        var user = context?.User;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        await chain.AppendAsync(db, new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            UserName = user?.Identity?.Name,
            Action = action.Code(),
            EntityType = subject.Code(),
            EntityId = entityId,
            RemoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        }, cancellationToken);
    }
}
