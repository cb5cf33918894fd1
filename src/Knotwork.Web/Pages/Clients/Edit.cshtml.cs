using System.ComponentModel.DataAnnotations;
using Knotwork.Data;
using Knotwork.Domain.Audit;
using Knotwork.Domain.Clients;
using Knotwork.Domain.Practice;
using Knotwork.Web.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Pages.Clients;

/// <summary>Edits a client's contact details and health screening (the client themselves, their therapists or the owner).</summary>
[Authorize]
internal sealed class EditModel(KnotworkDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var client = await db.Clients.VisibleTo(User).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (client is null)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, id.ToString(), "edit form");
            return NotFound();
        }

        Id = id;
        Input = new ClientInput
        {
            FullName = client.FullName,
            Email = client.Email,
            Phone = client.Phone,
            AddressLine = client.AddressLine,
            City = client.City,
            PostalCode = client.PostalCode,
            DateOfBirth = client.DateOfBirth,
            Screening = [.. client.ScreeningItems],
            Medications = client.Medications,
            ScreeningNotes = client.ScreeningNotes,
        };
        await audit.RecordAsync(AuditAction.Read, AuditSubject.Client, id.ToString(), "edit form");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var client = await db.Clients.VisibleTo(User).SingleOrDefaultAsync(c => c.Id == id);
        if (client is null)
        {
            await audit.RecordAsync(AuditAction.ReadRefused, AuditSubject.Client, id.ToString(), "change refused");
            return NotFound();
        }

        Id = id;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Input.DateOfBirth is { } born && (born > today || born < today.AddYears(-120)))
        {
            ModelState.AddModelError("Input.DateOfBirth", "Give a date of birth in the past 120 years.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        client.FullName = Input.FullName!.Trim();
        client.Email = Input.Email?.Trim();
        client.Phone = Input.Phone?.Trim();
        client.AddressLine = Input.AddressLine?.Trim();
        client.City = Input.City?.Trim();
        client.PostalCode = Input.PostalCode?.Trim();
        client.DateOfBirth = Input.DateOfBirth;
        client.ScreeningItems = Input.Screening.Distinct().ToList();
        client.Medications = Input.Medications?.Trim();
        client.ScreeningNotes = Input.ScreeningNotes?.Trim();
        client.ScreenedAtUtc = now;
        client.UpdatedAtUtc = now;
        await db.SaveChangesAsync();
        await audit.RecordAsync(AuditAction.Update, AuditSubject.Client, id.ToString(), "record and screening");
        return Redirect($"/clients/{id}");
    }
}

internal sealed class ClientInput
{
    [Required(ErrorMessage = "Give the client's name.")]
    [StringLength(FieldLimits.Name)]
    [Display(Name = "Name")]
    public string? FullName { get; set; }

    [EmailAddress(ErrorMessage = "That is not an e-mail address.")]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [Phone(ErrorMessage = "That is not a phone number.")]
    [StringLength(FieldLimits.Phone)]
    public string? Phone { get; set; }

    [StringLength(FieldLimits.AddressLine)]
    [Display(Name = "Street address")]
    public string? AddressLine { get; set; }

    [StringLength(FieldLimits.City)]
    public string? City { get; set; }

    [StringLength(FieldLimits.PostalCode)]
    [Display(Name = "ZIP code")]
    public string? PostalCode { get; set; }

    [DataType(DataType.Date)]
    [Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    public List<ScreeningItem> Screening { get; set; } = [];

    [StringLength(FieldLimits.Medications)]
    public string? Medications { get; set; }

    [StringLength(FieldLimits.ScreeningNotes)]
    [Display(Name = "Anything else the therapist should know")]
    public string? ScreeningNotes { get; set; }
}
