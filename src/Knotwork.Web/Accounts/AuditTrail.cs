using System.Security.Claims;
using Knotwork.Data;
using Knotwork.Data.Entities;

namespace Knotwork.Web.Accounts;

/// <summary>
/// Writes the audit log: every read and change of client health data records who, what, which record, when and
/// from where. Entries are written straight away, in their own save, so a failed page still leaves its trace.
/// </summary>
internal sealed class AuditTrail(KnotworkDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task RecordAsync(string action, string entityType, string? entityId, string? detail = null, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var user = context?.User;
        db.AuditLog.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            UserName = user?.Identity?.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            RemoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
