using System.Text;
using Knotwork.Data;
using Knotwork.Data.Booking;
using Knotwork.Data.Entities;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Booking;
using Knotwork.Domain.Booking.Setup;
using Knotwork.Web.Accounts;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Knotwork.Web.Pages.Practice;

/// <summary>
/// The owner's booking setup (issue 9): the current setup shown readably, and the whole of it edited as the setup file
/// (<see cref="PracticeSetupFile"/>) in one text box, uploaded as a file, downloaded, or started again from the
/// Antelope Valley sample. A save is checked in full first (every problem listed by field, nothing saved, the text
/// kept as typed), refuses to drop a therapist or a service that upcoming booked visits still need, and is saved
/// against the version the owner read, so a change someone else saved meanwhile is never overwritten.
/// </summary>
[Authorize(Policy = Roles.OwnerPolicy)]
internal sealed class SetupModel(KnotworkDbContext db, BookingStore bookings, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>The name the setup file downloads under.</summary>
    public const string FileName = "practice.json";

    /// <summary>The stored setup, read; null before one is saved or when the stored one does not read.</summary>
    public PracticeSetup? Current { get; private set; }

    /// <summary>The stored setup's version (0 before one is saved).</summary>
    public int StoredVersion { get; private set; }

    /// <summary>When the stored setup was last saved (UTC), or null.</summary>
    public DateTime? UpdatedAtUtc { get; private set; }

    /// <summary>What is wrong with the stored setup itself (booking is closed until it is fixed); empty when it reads.</summary>
    public IReadOnlyList<SetupProblem> StoredProblems { get; private set; } = [];

    /// <summary>What is wrong with the text the owner tried to save; nothing was saved.</summary>
    public IReadOnlyList<SetupProblem> Problems { get; private set; } = [];

    /// <summary>Why the save was refused as a whole (a concurrent change), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>What was just done, for the notice at the top, or null.</summary>
    public string? Notice { get; private set; }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    /// <summary>The setup file as the owner edits it, and the version it was read at.</summary>
    public sealed class SetupInput
    {
        /// <summary>The whole setup file.</summary>
        public string? Json { get; set; }

        /// <summary>The stored version the text was read from; a save is refused if the stored setup is no longer it.</summary>
        public int Version { get; set; }
    }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        var stored = await LoadAsync(cancellationToken);
        Input = new SetupInput { Json = stored?.Json ?? "", Version = StoredVersion };
        if (saved)
            Notice = $"Saved. The booking setup is now version {StoredVersion}, and clients are offered times from it at once.";
    }

    /// <summary>The current setup file, as an attachment named <see cref="FileName"/>.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var stored = await db.GetPracticeSetupAsync(cancellationToken);
        if (stored is null)
            return NotFound();
        return File(Encoding.UTF8.GetBytes(stored.Json), "application/json", FileName);
    }

    /// <summary>Checks and saves the text in the box.</summary>
    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveAsync(Input.Json ?? "", "edited on the booking setup page", cancellationToken);

    /// <summary>Checks and saves an uploaded setup file; on a problem its text is put in the box to fix.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            await LoadAsync(cancellationToken);
            Error = "Choose a setup file to upload (a .json file, such as one downloaded from this page).";
            return Page();
        }

        if (file.Length > PracticeSetupFile.MaxLength)
        {
            await LoadAsync(cancellationToken);
            Error = $"The file is {file.Length:N0} bytes; a practice setup file is at most {PracticeSetupFile.MaxLength:N0}. Is it the right file?";
            return Page();
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        Input.Json = await reader.ReadToEndAsync(cancellationToken);
        return await SaveAsync(Input.Json, "uploaded as a file on the booking setup page", cancellationToken);
    }

    /// <summary>Puts the Antelope Valley sample in the box to start from; nothing is saved until the owner saves it.</summary>
    public async Task<IActionResult> OnPostSampleAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        ModelState.Clear(); // the box shows the sample, not the posted text
        Input = new SetupInput { Json = PracticeSetupFile.Write(BookingExtensions.SamplePractice()), Version = Input.Version };
        Notice = "The Antelope Valley sample is in the box below. Change what you need and save it; nothing is saved until you do.";
        return Page();
    }

    private async Task<IActionResult> SaveAsync(string json, string how, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var read = PracticeSetupFile.Read(json, ZipCodes.Default);
        if (!read.Succeeded)
        {
            Problems = read.Problems;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var setup = read.Setup!;
        var now = clock.GetUtcNow().UtcDateTime;
        // Checked and saved under the booking lock, so no visit is booked with a therapist or service in between.
        var (stillBooked, version) = await bookings.UnderBookingLockAsync(async token =>
        {
            var booked = await StillBookedAsync(setup, now, token);
            return booked.Count > 0 ? (booked, null) : (booked, await db.SavePracticeSetupAsync(setup, Input.Version, now, token));
        }, cancellationToken);
        Problems = stillBooked;
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (version is null)
        {
            await LoadAsync(cancellationToken);
            Error = $"Someone saved the booking setup while you were editing (it is now version {StoredVersion}; you started from version {Input.Version}), so your change was not saved. " +
                "Your text is kept below: copy what you changed, open this page again to see the current setup, and make your change there.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await audit.RecordAsync(AuditAction.Update, AuditSubject.PracticeSetup, version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"booking setup version {version} {how}: {setup.Services.Count} services, {setup.Areas.Count} areas, {setup.Therapists.Count} therapists", CancellationToken.None);
        return RedirectToPage(new { saved = true });
    }

    /// <summary>
    /// The upcoming booked visits (not yet over at <paramref name="nowUtc"/>) whose therapist or service
    /// <paramref name="setup"/> no longer has, as problems naming how many each one has. Past visits do not hold a
    /// therapist or service in the setup: they stay in the records as they were.
    /// </summary>
    private async Task<IReadOnlyList<SetupProblem>> StillBookedAsync(PracticeSetup setup, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var therapistIds = setup.Therapists.Select(t => t.Id).ToList();
        var serviceIds = setup.Services.Select(s => s.Id).ToList();
        var upcoming = db.Bookings.AsNoTracking().Where(b => b.Status == BookingStatus.Booked && b.EndUtc > nowUtc);
        var byTherapist = await upcoming.Where(b => !therapistIds.Contains(b.TherapistId))
            .GroupBy(b => b.TherapistId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byService = await upcoming.Where(b => !serviceIds.Contains(b.ServiceId))
            .GroupBy(b => b.ServiceId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var problems = new List<SetupProblem>();
        foreach (var t in byTherapist.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var name = Current?.FindTherapist(t.Id)?.Name ?? t.Id;
            problems.Add(new SetupProblem($"therapists[{t.Id}]",
                $"{name} ('{t.Id}') still has {Visits(t.Count)} booked; keep them in the setup until those visits are over, or cancel or move the visits first."));
        }

        foreach (var s in byService.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var name = Current?.FindService(s.Id)?.Name ?? s.Id;
            problems.Add(new SetupProblem($"services[{s.Id}]",
                $"'{name}' ('{s.Id}') still has {Visits(s.Count)} booked; keep it in the setup until those visits are over, or cancel them first."));
        }

        return problems;

        static string Visits(int n) => n == 1 ? "1 upcoming visit" : $"{n} upcoming visits";
    }

    /// <summary>Reads the stored setup into <see cref="Current"/>, <see cref="StoredVersion"/> and <see cref="StoredProblems"/>.</summary>
    private async Task<StoredPracticeSetup?> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await db.GetPracticeSetupAsync(cancellationToken);
        StoredVersion = stored?.Version ?? 0;
        UpdatedAtUtc = stored?.UpdatedAtUtc;
        if (stored is not null)
        {
            var read = stored.Read(ZipCodes.Default);
            Current = read.Setup;
            StoredProblems = read.Problems;
        }

        return stored;
    }

    /// <summary>
    /// How <paramref name="service"/> is priced, in words: its base price plus the area's trip charge, or the range of
    /// its prices by area (each area's price is listed with the area).
    /// </summary>
    public string PriceRule(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var setup = Current!;
        if (setup.Pricing is BasePlusTripCharge b)
        {
            return b.BasePrices.FirstOrDefault(p => p.ServiceId == service.Id) is { } basePrice
                ? $"{Pages.Book.Visits.Price(basePrice.Amount)} plus the area's trip charge"
                : "no base price: not offered";
        }

        var prices = setup.Areas.Select(a => setup.Pricing.PriceOf(service.Id, a.Id)).OfType<decimal>().ToList();
        if (prices.Count == 0)
            return "not priced in any area";
        var (low, high) = (prices.Min(), prices.Max());
        var range = low == high ? Pages.Book.Visits.Price(low) : $"{Pages.Book.Visits.Price(low)} to {Pages.Book.Visits.Price(high)}";
        return prices.Count < setup.Areas.Count ? $"{range} by area (not priced in every area)" : $"{range} by area";
    }

    /// <summary>An area's trip charge when the practice prices by base price plus trip charge, or null.</summary>
    public string? TripCharge(ServiceArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return Current?.Pricing is BasePlusTripCharge b
            ? Pages.Book.Visits.Price(b.TripCharges.FirstOrDefault(t => t.AreaId == area.Id)?.Amount ?? 0)
            : null;
    }

    /// <summary>A therapist's weekly hours in words, day by day.</summary>
    public static string Hours(Therapist therapist)
    {
        ArgumentNullException.ThrowIfNull(therapist);
        return therapist.WeeklyHours.Count == 0
            ? "no hours"
            : string.Join("; ", therapist.WeeklyHours.OrderBy(h => h.Day).ThenBy(h => h.Start)
                .Select(h => $"{h.Day.ToString()[..3]} {h.Start:HH:mm}–{h.End:HH:mm}"));
    }

    /// <summary>A length of time in hours, such as "24 hours".</summary>
    public static string HoursText(Duration d) => d.TotalHours == 1 ? "1 hour" : $"{d.TotalHours:0.##} hours";
}
