using Knotwork.Data;
using Knotwork.Data.Protection;
using Knotwork.Data.Sessions;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;

namespace Knotwork.Web.Calendar;

/// <summary>
/// One pass over the check-ins due (two days after a signed visit): each is claimed in the database before its
/// e-mail goes out, so it is sent once across servers and restarts, like reminders. A client without an e-mail
/// address is skipped (claimed, nothing sent): their therapist asks at the next visit.
/// </summary>
internal sealed partial class CheckInSweep(KnotworkDbContext db, IMailer mailer, MasterKey key, PublicLinks links, TimeProvider clock, ILogger<CheckInSweep> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in sent for visit {VisitId}")]
    private static partial void LogSent(ILogger logger, Guid visitId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Check-in for visit {VisitId} was claimed but could not be sent; it will not be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid visitId);

    /// <summary>Sends every check-in due now that no one has sent; returns how many this pass sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        foreach (var due in await db.DueCheckInsAsync(nowUtc, cancellationToken))
        {
            if (!await db.ClaimCheckInAsync(due.VisitId, nowUtc, cancellationToken) || string.IsNullOrEmpty(due.ClientEmail))
                continue;
            try
            {
                var link = links.ToWithoutRequest($"/check-in/{due.VisitId}?token={Uri.EscapeDataString(key.CheckInToken(due.VisitId))}");
                await mailer.SendAsync(due.ClientEmail, MailTemplates.CheckIn(due.ClientName, link), cancellationToken);
                LogSent(logger, due.VisitId);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, due.VisitId);
            }
        }

        return sent;
    }
}
