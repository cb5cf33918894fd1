using System.ComponentModel.DataAnnotations;
using Knotwork.Domain.Practice;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Knotwork.Web.Pages;

/// <summary>First run: creates the practice and its owner. There is no default account or password anywhere.</summary>
internal sealed class SetupModel(KnotworkDbContext db, UserManager<KnotworkUser> users, SignInManager<KnotworkUser> signIn, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await db.IsSetUpAsync() ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await db.IsSetUpAsync())
        {
            return NotFound();
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Input.TimeZone ?? string.Empty, out _))
        {
            ModelState.AddModelError("Input.TimeZone", "Choose a time zone from the list, e.g. America/Los_Angeles.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var owner = new KnotworkUser
        {
            Id = Guid.NewGuid(),
            UserName = Input.Email!.Trim(),
            Email = Input.Email.Trim(),
            DisplayName = Input.OwnerName!.Trim(),
            EmailConfirmed = true, // the owner is at the machine that set the practice up
            CreatedAtUtc = now,
        };
        var created = await users.CreateAsync(owner, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        await users.AddToRoleAsync(owner, Roles.Owner);
        db.Practice.Add(new PracticeSettings { Name = Input.PracticeName!.Trim(), TimeZone = Input.TimeZone!, CreatedAtUtc = now });
        await db.SaveChangesAsync();
        await signIn.SignInAsync(owner, isPersistent: false);
        return Redirect("/account/two-factor?required=1");
    }
}

internal sealed class SetupInput
{
    [Required(ErrorMessage = "Give the practice a name.")]
    [StringLength(FieldLimits.Name)]
    [Display(Name = "Practice name")]
    public string? PracticeName { get; set; }

    [Required]
    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; } = "America/Los_Angeles";

    [Required(ErrorMessage = "Give your name.")]
    [StringLength(FieldLimits.Name)]
    [Display(Name = "Your name")]
    public string? OwnerName { get; set; }

    [Required(ErrorMessage = "Give your e-mail address.")]
    [EmailAddress]
    [StringLength(FieldLimits.Email)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Choose a password.")]
    [PasswordLength]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}
