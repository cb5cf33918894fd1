using Knotwork.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Knotwork.Browser.Tests;

/// <summary>Accounts made straight in the app's user store, and signing them in through the pages, for journeys.</summary>
internal static class TestAccounts
{
    /// <summary>
    /// A confirmed account in <paramref name="role"/> with a unique e-mail; with <paramref name="twoFactor"/>, an
    /// authenticator key (returned) and two-factor sign-in, as staff must have.
    /// </summary>
    public static async Task<(Guid Id, string Email, string? Key)> CreateAsync(IServiceProvider services, string role, string name, string password, bool twoFactor)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KnotworkUser>>();
        var email = $"{role}-{Guid.NewGuid():N}"[..20] + "@knotwork.test";
        var user = new KnotworkUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAtUtc = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (!twoFactor)
            return (user.Id, email, null);
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        return (user.Id, email, key);
    }

    /// <summary>Signs in on the sign-in page, with the authenticator's code when <paramref name="key"/> is given.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string? key)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button:has-text('Sign in')");
        if (key is not null)
        {
            await page.WaitForURLAsync("**/account/sign-in/two-factor**");
            await page.FillAsync("#Code", Authenticator.Code(key));
            await page.ClickAsync("form button[type=submit]");
        }

        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
    }
}
