using System.ComponentModel.DataAnnotations;
using Knotwork.Domain.Practice;

namespace Knotwork.Web.Accounts;

/// <summary>
/// A new password's length: at least <see cref="FieldLimits.PasswordMinimum"/> and at most
/// <see cref="FieldLimits.PasswordMaximum"/> characters, each bound with its own message.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
internal sealed class PasswordLengthAttribute : ValidationAttribute
{
    public const string TooShort = "The password needs at least 12 characters.";
    public const string TooLong = "The password can have at most 128 characters.";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var members = validationContext.MemberName is { } name ? new[] { name } : null;
        return value switch
        {
            string { Length: < FieldLimits.PasswordMinimum } => new ValidationResult(TooShort, members),
            string { Length: > FieldLimits.PasswordMaximum } => new ValidationResult(TooLong, members),
            _ => ValidationResult.Success,
        };
    }
}
