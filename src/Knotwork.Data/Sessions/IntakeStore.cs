using System.Text.Json;
using System.Text.Json.Serialization;
using Knotwork.Data.Entities;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Knowledge;
using Knotwork.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Data.Sessions;

/// <summary>An intake as the form sends it, with the screening and consent it updates.</summary>
/// <param name="BookingId">The booking it is for.</param>
/// <param name="SubmissionId">The form's own id: the id of the pain map it saves, so a double submit stores one intake.</param>
/// <param name="Answers">The answers (valid: <see cref="IntakeAnswers.Problem"/> is null).</param>
/// <param name="Screening">Today's health screening, which replaces the one on the client's record.</param>
/// <param name="Consents">The consents given on the form (each replaces the record's of its kind); may be empty.</param>
/// <param name="FinderResultJson">The finder's answer for the marked places, in its JSON contract, kept with the pain map.</param>
/// <param name="SubmittedById">The signed-in client who sends it, or null when sent through the booking's private link.</param>
public sealed record IntakeSubmission(
    Guid BookingId, Guid SubmissionId, IntakeAnswers Answers, HealthScreening Screening, IReadOnlyList<Consent> Consents,
    string FinderResultJson, Guid? SubmittedById);

/// <summary>The answers and what they raised, as kept (sealed) on an <see cref="IntakeRecord"/>.</summary>
/// <param name="Duration">How long it has hurt.</param>
/// <param name="WorseWith">What makes it worse.</param>
/// <param name="WorseNote">Anything else that does, in the client's words.</param>
/// <param name="Causes">Each cause question (by slug) and its answer.</param>
/// <param name="Safety">Each safety question answered (by key) and its answer.</param>
/// <param name="RedFlags">The codes of the red flags raised.</param>
/// <param name="Contraindications">Screening items needing a doctor's clearance.</param>
/// <param name="Precautions">Screening items that change the work.</param>
/// <param name="ConsentCurrent">Whether consent to treatment covered the text in force.</param>
public sealed record StoredIntake(
    PainDuration Duration, IReadOnlyList<Aggravator> WorseWith, string? WorseNote, IReadOnlyDictionary<string, bool> Causes,
    IReadOnlyDictionary<string, bool> Safety, IReadOnlyList<string> RedFlags, IReadOnlyList<ScreeningItem> Contraindications,
    IReadOnlyList<ScreeningItem> Precautions, bool ConsentCurrent)
{
    /// <summary>The causes answered "yes", in the order of <see cref="Domain.Knowledge.Causes.All"/>.</summary>
    public IReadOnlyList<Cause> CausesThatApply =>
        [.. Domain.Knowledge.Causes.All.Where(c => Causes.TryGetValue(c.Slug(), out var yes) && yes)];
}

/// <summary>What became of a submitted intake.</summary>
/// <param name="ClientId">The client record it went to.</param>
/// <param name="Review">What the answers mean for the visit (flags, contraindications, precautions, consent).</param>
/// <param name="Created">Whether a client record was made for a guest booking.</param>
public sealed record IntakeSaved(Guid ClientId, IntakeReview Review, bool Created);

/// <summary>
/// Stores intakes: for the booking's client (a guest booking gets a client record made from its name and contacts,
/// assigned to the booking's therapist), it updates the screening and consents, saves the pain map, and keeps the
/// answers, all in one transaction serialized per booking, so two submits at once make one client and one intake.
/// </summary>
public static class IntakeStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Saves <paramref name="submission"/>; <paramref name="today"/> is the practice's date (which consent texts are
    /// in force). Null when the booking does not exist or was cancelled. Sending the same form again changes nothing;
    /// a new form for the same booking replaces the intake and its pain map.
    /// </summary>
    public static async Task<IntakeSaved?> SaveIntakeAsync(this KnotworkDbContext db, IntakeSubmission submission, DateTime nowUtc, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        var answers = submission.Answers;
        if (answers.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(submission));

        await using var transaction = await SerializedTransaction.BeginAsync(db, $"SELECT 1 FROM \"Bookings\" WHERE \"Id\" = {submission.BookingId} FOR UPDATE", cancellationToken);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == submission.BookingId, cancellationToken);
        if (booking is null || booking.Status == BookingStatus.Cancelled)
            return null;

        var existing = await db.Intakes.SingleOrDefaultAsync(i => i.BookingId == booking.Id, cancellationToken);
        var created = false;
        ClientRecord client;
        if (booking.ClientId is { } clientId)
        {
            client = await db.Clients.SingleAsync(c => c.Id == clientId, cancellationToken);
        }
        else
        {
            client = new ClientRecord
            {
                Id = Guid.NewGuid(), FullName = booking.Name, Email = booking.Email, Phone = booking.Phone,
                PostalCode = booking.Zip, CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
            };
            db.Clients.Add(client);
            booking.ClientId = client.Id;
            created = true;
            if (await db.TherapistAccounts.Where(a => a.TherapistId == booking.TherapistId).Select(a => (Guid?)a.UserId).SingleOrDefaultAsync(cancellationToken) is { } therapist)
                db.Assignments.Add(new TherapistAssignment { ClientId = client.Id, TherapistId = therapist, AssignedAtUtc = nowUtc });
        }

        if (existing?.PainMapId == submission.SubmissionId)
        {
            // The same form again (a double tap, a retry): what was stored stands.
            return new IntakeSaved(client.Id, IntakeReview.Of(answers, client.Precautions(today)), false);
        }

        client.ScreeningItems = [.. submission.Screening.Items.Distinct()];
        client.Medications = submission.Screening.Medications;
        client.ScreeningNotes = submission.Screening.Notes;
        client.ScreenedAtUtc = nowUtc;
        foreach (var consent in submission.Consents)
        {
            if (consent.Kind == ConsentKind.Treatment)
                (client.TreatmentConsentVersion, client.TreatmentConsentAtUtc) = (consent.Version, consent.AgreedAtUtc);
            else
                (client.PrivacyConsentVersion, client.PrivacyConsentAtUtc) = (consent.Version, consent.AgreedAtUtc);
        }

        client.UpdatedAtUtc = nowUtc;
        var review = IntakeReview.Of(answers, client.Precautions(today));
        if (existing is not null)
        {
            await db.PainMaps.Where(m => m.Id == existing.PainMapId).ExecuteDeleteAsync(cancellationToken);
            db.Intakes.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        db.PainMaps.Add(new PainMapRecord
        {
            Id = submission.SubmissionId, ClientId = client.Id, RecordedById = submission.SubmittedById, RecordedAtUtc = nowUtc,
            Marks = [.. answers.Regions.Select(r => new PainMapMark(r.Id.Value, answers.Intensity[r]))],
            ResultJson = submission.FinderResultJson, Note = "Intake before the visit",
        });
        db.Intakes.Add(new IntakeRecord
        {
            BookingId = booking.Id, ClientId = client.Id, PainMapId = submission.SubmissionId, SubmittedAtUtc = nowUtc,
            SubmittedById = submission.SubmittedById, NeedsAttention = review.NeedsAttention,
            AnswersJson = JsonSerializer.Serialize(Stored(answers, review), Json),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IntakeSaved(client.Id, review, created);
    }

    /// <summary>The answers kept on an intake.</summary>
    public static StoredIntake Answers(this IntakeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Deserialize<StoredIntake>(record.AnswersJson, Json)
            ?? throw new InvalidOperationException($"The intake of booking {record.BookingId} holds no answers.");
    }

    private static StoredIntake Stored(IntakeAnswers answers, IntakeReview review) => new(
        answers.Duration, answers.WorseWith, answers.WorseNote,
        answers.Causes.ToDictionary(kv => kv.Key.Slug(), kv => kv.Value),
        answers.Safety.Entries().ToDictionary(e => e.Question.Key, e => e.Yes),
        [.. review.RedFlags.Select(f => f.Code)],
        [.. review.Contraindications.Select(g => g.Item)],
        [.. review.Precautions.Select(g => g.Item)],
        review.ConsentCurrent);
}
