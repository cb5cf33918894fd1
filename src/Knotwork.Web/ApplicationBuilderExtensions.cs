namespace Knotwork.Web;

internal static class ApplicationBuilderExtensions
{
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
