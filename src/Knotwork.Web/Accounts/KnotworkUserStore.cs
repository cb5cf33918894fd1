using System.Security.Cryptography;
using System.Text;
using Knotwork.Data;
using Knotwork.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Accounts;

/// <summary>
/// Identity's store over the practice database, with two changes for two-factor sign-in:
/// <list type="bullet">
/// <item>Recovery codes are kept only as SHA-256 hashes of their normalised text: the person sees the codes once, and
/// a copy of the database holds no code that signs in. A plain hash is enough because the codes are random (Identity
/// draws each of their 10 characters from a 26-letter alphabet, about 47 bits), not chosen by people. Counting codes
/// needs no change: the stored list holds one hash per code left.</item>
/// <item>A new authenticator key starts its own record of used codes (<see cref="KnotworkUser.LastTotpStep"/>): the
/// old key's codes no longer match anything, and the new key's current code has never been used.</item>
/// </list>
/// And an update refused for concurrency leaves nothing pending in the context.
/// </summary>
internal sealed class KnotworkUserStore(KnotworkDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<KnotworkUser, IdentityRole<Guid>, KnotworkDbContext, Guid>(context, describer)
{
    private const string RecoveryCodeLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(KnotworkUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return base.ReplaceCodesAsync(user, recoveryCodes.Select(HashRecoveryCode).ToList(), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(KnotworkUser user, string code, CancellationToken cancellationToken = default)
    {
        // Identity's own version would hand the remaining hashes to ReplaceCodesAsync, which would hash them again.
        var hash = HashRecoveryCode(code);
        var stored = (await GetTokenAsync(user, RecoveryCodeLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? string.Empty).Split(';');
        if (!stored.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }

        await base.ReplaceCodesAsync(user, stored.Where(s => s != hash).ToList(), cancellationToken);
        return true;
    }

    public override async Task SetAuthenticatorKeyAsync(KnotworkUser user, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Saves ignore LastTotpStep (see KnotworkDbContext), so it is written here directly, as the claim of a code is.
        await Context.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, 0L), cancellationToken);
        SingleUseAuthenticatorTokenProvider.Mirror(Context, user, 0);
        await base.SetAuthenticatorKeyAsync(user, key, cancellationToken);
    }

    public override async Task<IdentityResult> UpdateAsync(KnotworkUser user, CancellationToken cancellationToken = default)
    {
        var result = await base.UpdateAsync(user, cancellationToken);
        if (!result.Succeeded)
        {
            // Another request changed the account first (two sign-in attempts at once). Identity reports that as a
            // result, but the refused change would stay pending and be saved by the next save of this context (the
            // audit entry), failing the request: read the account as it now is instead.
            await Context.Entry(user).ReloadAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>The stored form of a recovery code: hex SHA-256 of the code without spaces or dashes, in upper case.</summary>
    internal static string HashRecoveryCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalised = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
