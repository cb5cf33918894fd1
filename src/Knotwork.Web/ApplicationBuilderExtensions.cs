using Knotwork.Data;

namespace Knotwork.Web;

internal static partial class ApplicationBuilderExtensions
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider} {Location}")]
    private static partial void LogDatabase(ILogger logger, DatabaseProvider provider, string location);

    /// <summary>Creates the database on first run and applies any new migrations before serving.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnotworkDbContext>();
        await KnotworkData.MigrateAsync(db);
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        LogDatabase(app.Logger, settings.Provider, settings.SqliteFile ?? "(PostgreSQL)");
    }

    /// <summary>
    /// Errors without a body: API paths answer ProblemDetails, pages show the friendly 404 page (the status
    /// code is kept, so search engines and scripts still see a 404).
    /// </summary>
    public static IApplicationBuilder UseApiAndPageStatusCodes(this IApplicationBuilder app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"),
            api => api.UseStatusCodePages());
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/openapi"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found"));
        return app;
    }

    /// <summary>
    /// Authentication, authorization and the staff two-factor check, for the requests <paramref name="needsSignIn"/>
    /// picks (after routing, so it can look at the endpoint): the public API skips them.
    /// </summary>
    /// <remarks>
    /// WebApplication adds authentication and authorization at the front of the pipeline by itself unless the app's
    /// own builder says they are set; a branch's builder keeps such marks to itself, so they are set here too.
    /// Without them every request would be authenticated twice, the public API included.
    /// </remarks>
    public static IApplicationBuilder UseSignInFor(this IApplicationBuilder app, Func<HttpContext, bool> needsSignIn)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(needsSignIn, signedIn =>
        {
            signedIn.UseAuthentication();
            signedIn.UseAuthorization();
            signedIn.UseMiddleware<Accounts.RequireStaffTwoFactor>();
        });
        app.Properties["__AuthenticationMiddlewareSet"] = true;
        app.Properties["__AuthorizationMiddlewareSet"] = true;
        return app;
    }
}
