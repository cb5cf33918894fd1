using Knotwork.Data;
using Knotwork.Data.Entities;
using Knotwork.Domain.Practice;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Knotwork.Web.Accounts;

internal static class AccountsExtensions
{
    /// <summary>
    /// ASP.NET Core Identity over the practice database: confirmed e-mail to sign in, passwords of 12+ characters
    /// checked against common ones, lockout after 5 failures, authenticator-app two-factor with codes that work once
    /// and recovery codes stored as hashes, reset links that expire in 30 minutes, security stamps checked every
    /// minute; sessions kept on the server (SessionStore) with idle and absolute timeouts; role policies.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddIdentity<KnotworkUser, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = FieldLimits.PasswordMinimum;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.ProviderName;
            })
            .AddUserStore<KnotworkUserStore>()
            .AddEntityFrameworkStores<KnotworkDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.ProviderName)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<KnotworkClaimsFactory>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        var sessions = configuration.GetSection(SessionSettings.Section).Get<SessionSettings>() ?? new SessionSettings();
        services.AddOptions<SessionSettings>().BindConfiguration(SessionSettings.Section);
        services.AddSingleton<SessionStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SessionCookieSetup>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "knotwork"; // __Host-knotwork on HTTPS, see HostPrefixCookieManager
            options.CookieManager = new Knotwork.Web.Security.HostPrefixCookieManager(new Microsoft.AspNetCore.Authentication.Cookies.ChunkingCookieManager());
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The session itself lives on the server (SessionStore): its idle and absolute limits rule; the cookie
            // only needs to last as long as the longest session.
            options.ExpireTimeSpan = sessions.AbsoluteLifetime;
            options.SlidingExpiration = false;
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.StaffPolicy, p => p.RequireRole(Roles.Owner, Roles.Therapist))
            .AddPolicy(Roles.OwnerPolicy, p => p.RequireRole(Roles.Owner))
            .AddPolicy(Roles.ClientPolicy, p => p.RequireRole(Roles.Client));

        return services;
    }

    /// <summary>Creates the three roles if they are missing (first run).</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
    }

    /// <summary>Whether the first-run setup has created the practice.</summary>
    public static Task<bool> IsSetUpAsync(this KnotworkDbContext db, CancellationToken cancellationToken = default) =>
        db.Practice.AnyAsync(cancellationToken);

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Staff (owner, therapists) must use two-factor sign-in: until they have set up an authenticator app, every page
/// but the account pages sends them to set it up.
/// </summary>
/// <remarks>
/// Reads the <see cref="KnotworkClaimsFactory.TwoFactorClaim"/> of the sign-in cookie rather than the database on every
/// request: the cookie is re-issued when two-factor is turned on, and the security-stamp check refreshes it every minute.
/// </remarks>
internal sealed class RequireStaffTwoFactor(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && (user.IsInRole(Roles.Owner) || user.IsInRole(Roles.Therapist))
            && !context.Request.Path.StartsWithSegments("/account")
            && !Path.HasExtension(context.Request.Path.Value))
        {
            if (user.FindFirst(KnotworkClaimsFactory.TwoFactorClaim)?.Value != KnotworkClaimsFactory.On)
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                context.Response.Redirect("/account/two-factor?required=1");
                return;
            }
        }

        await next(context);
    }
}

/// <summary>Adds whether the account uses two-factor sign-in to its claims, so checks need no database query.</summary>
internal sealed class KnotworkClaimsFactory(
    UserManager<KnotworkUser> users, RoleManager<IdentityRole<Guid>> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<KnotworkUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string TwoFactorClaim = "knotwork:two-factor";
    public const string On = "on";

    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(KnotworkUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new System.Security.Claims.Claim(TwoFactorClaim, user.TwoFactorEnabled ? On : "off"));
        return identity;
    }
}
