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
}
