using Knotwork.Data.Entities;
using Knotwork.Domain.Practice;
using Microsoft.AspNetCore.Identity;

namespace Knotwork.Web.Accounts;

/// <summary>
/// Rejects passwords that are common, repetitive, or built from the person's own e-mail address. Length is
/// checked by Identity's options (at least 12) and here (at most 128); character-class rules are deliberately not used (NIST SP 800-63B).
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<KnotworkUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<KnotworkUser> manager, KnotworkUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var text = (password ?? string.Empty).ToLowerInvariant();
        var errors = new List<IdentityError>();
        if (text.Length > FieldLimits.PasswordMaximum)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = PasswordLengthAttribute.TooLong });
        }

        if (Common.Value.Contains(text) || Common.Value.Contains(StripDigits(text)))
        {
            errors.Add(new IdentityError { Code = "CommonPassword", Description = "This password is too common; choose a longer phrase that is not a well-known password." });
        }

        if (text.Length > 0 && text.Distinct().Count() <= 3)
        {
            errors.Add(new IdentityError { Code = "RepetitivePassword", Description = "This password repeats too few characters." });
        }

        var local = (user.Email ?? string.Empty).Split('@')[0].ToLowerInvariant();
        if (local.Length >= 4 && text.Contains(local, StringComparison.Ordinal))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsEmail", Description = "The password must not contain your e-mail address." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static string StripDigits(string text) => new(text.Where(c => !char.IsDigit(c) && !char.IsPunctuation(c) && !char.IsSymbol(c)).ToArray());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Knotwork.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
