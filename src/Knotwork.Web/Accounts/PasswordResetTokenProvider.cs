using Knotwork.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Accounts;

/// <summary>
/// The tokens of "forgot password" links: like Identity's default tokens they carry the security stamp, so a link stops
/// working once the password is reset (or the person signs out everywhere), but they expire after
/// <see cref="Lifetime"/> instead of a day. Invitations keep the default provider and its longer lifetime.
/// </summary>
internal sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider, IOptions<PasswordResetTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<KnotworkUser>> logger)
    : DataProtectorTokenProvider<KnotworkUser>(dataProtectionProvider, options, logger)
{
    /// <summary>The provider's name in <see cref="TokenOptions.ProviderMap"/>.</summary>
    public const string ProviderName = "KnotworkPasswordReset";

    /// <summary>How long a reset link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
}

/// <summary>Options of <see cref="PasswordResetTokenProvider"/>: its own data-protection purpose and lifetime.</summary>
internal sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions()
    {
        Name = PasswordResetTokenProvider.ProviderName;
        TokenLifespan = PasswordResetTokenProvider.Lifetime;
    }
}
