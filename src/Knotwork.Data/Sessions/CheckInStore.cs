using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Knotwork.Data.Entities;
using Knotwork.Data.Protection;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Sessions;

/// <summary>A client's answers to the check-in.</summary>
/// <param name="Soreness">Soreness since the visit, 0-10.</param>
/// <param name="PainNow">The pain they came for, now, 0-10.</param>
/// <param name="Impression">The patient global impression of change, 1 (very much improved) to 7 (very much worse).</param>
/// <param name="Regions">Pain now at each region of the visit's pain map, 0-10.</param>
public sealed record CheckInAnswers(int Soreness, int PainNow, int Impression, IReadOnlyDictionary<string, int> Regions);

/// <summary>A check-in due to be sent: the visit and whom to ask.</summary>
public sealed record DueCheckIn(Guid VisitId, string ClientName, string? ClientEmail);

/// <summary>The check-in after a visit: scheduled when the note is signed, sent once, answered once.</summary>
public static class CheckInStore
{
    /// <summary>Schedules the check-in of visit <paramref name="visitId"/> for <paramref name="dueUtc"/> (once; a second call changes nothing).</summary>
    public static async Task ScheduleCheckInAsync(this KnotworkDbContext db, Guid visitId, DateTime dueUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.CheckIns.AnyAsync(c => c.VisitId == visitId, cancellationToken))
            return;
        db.CheckIns.Add(new CheckInRecord { VisitId = visitId, DueAtUtc = dueUtc });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The check-ins due by <paramref name="nowUtc"/> and not sent yet.</summary>
    public static Task<List<DueCheckIn>> DueCheckInsAsync(this KnotworkDbContext db, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (from c in db.CheckIns
                where c.SentAtUtc == null && c.DueAtUtc <= nowUtc
                join v in db.Visits on c.VisitId equals v.Id
                join client in db.Clients on v.ClientId equals client.Id
                select new DueCheckIn(c.VisitId, client.FullName, client.Email))
            .Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>Claims the check-in for sending: one conditional UPDATE, so it goes out once across servers and restarts.</summary>
    public static async Task<bool> ClaimCheckInAsync(this KnotworkDbContext db, Guid visitId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.CheckIns.Where(c => c.VisitId == visitId && c.SentAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SentAtUtc, nowUtc), cancellationToken) == 1;
    }

    /// <summary>
    /// Stores the answers once (one conditional UPDATE, so two submissions at once store one): false when the check-in
    /// was answered before or does not exist.
    /// </summary>
    public static async Task<bool> AnswerCheckInAsync(this KnotworkDbContext db, Guid visitId, CheckInAnswers answers, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        string? json = JsonSerializer.Serialize(answers);
        return await db.CheckIns.Where(c => c.VisitId == visitId && c.AnsweredAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AnsweredAtUtc, nowUtc).SetProperty(c => c.AnswersJson, json), cancellationToken) == 1;
    }

    /// <summary>The answers stored for a check-in, or null.</summary>
    public static CheckInAnswers? Answers(this CheckInRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.AnswersJson is null ? null : JsonSerializer.Deserialize<CheckInAnswers>(record.AnswersJson);
    }

    /// <summary>
    /// The private token in the check-in link of visit <paramref name="visitId"/>: HMAC-SHA256 under the master key's
    /// booking-token key over "check-in:" and the id (so it never equals a booking's manage token), base64url.
    /// </summary>
    public static string CheckInToken(this MasterKey key, Guid visitId)
    {
        ArgumentNullException.ThrowIfNull(key);
        var input = Encoding.ASCII.GetBytes("check-in:").Concat(visitId.ToByteArray()).ToArray();
        return Base64Url.EncodeToString(HMACSHA256.HashData(key.BookingTokenKey(), input));
    }

    /// <summary>Whether <paramref name="token"/> is visit <paramref name="visitId"/>'s check-in token (compared in constant time).</summary>
    public static bool CheckInTokenMatches(this MasterKey key, Guid visitId, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.CheckInToken(visitId)), Encoding.ASCII.GetBytes(token));
}
