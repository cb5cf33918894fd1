using Knotwork.Data;
using Knotwork.Data.Protection;
using Knotwork.Domain.Contract;
using Knotwork.Domain.Finder;
using Knotwork.Domain.Knowledge;
using Knotwork.Web.Api;
using Knotwork.Web.BodyMap;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.ResponseCompression;

namespace Knotwork.Web;

internal static class ServiceCollectionExtensions
{
    /// <summary>
    /// The database (SQLite in the data folder by default, PostgreSQL when <c>ConnectionStrings:Postgres</c> is set)
    /// and the data-protection keys kept in it, so several app servers can share sign-ins. Health data and those
    /// keys are sealed with the master key, which is never in the database (<see cref="MasterKey.Load"/>).
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var key = MasterKey.Load(configuration, environment.ContentRootPath);
        services.AddKnotworkData(DatabaseSettings.From(configuration, environment.ContentRootPath), key);
        services.AddDataProtection().SetApplicationName("Knotwork").PersistKeysToDbContext<KnotworkDbContext>().ProtectKeysWithMasterKey();
        return services;
    }

    /// <summary>The knowledge base (loaded once, immutable) and the finder over it, shared by every request.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddSingleton(_ => KnowledgeBase.Default);
        services.AddSingleton(sp => new PainSourceFinder(sp.GetRequiredService<KnowledgeBase>()));
        services.AddSingleton(sp => new FinderJsonWriter(sp.GetRequiredService<KnowledgeBase>()));
        return services;
    }

    /// <summary>The body-map artwork, read and checked against the taxonomy once.</summary>
    public static IServiceCollection AddBodyMap(this IServiceCollection services)
    {
        services.AddSingleton(sp => BodyMapArt.LoadEmbedded(sp.GetRequiredService<KnowledgeBase>().Regions));
        return services;
    }

    /// <summary>Razor Pages with compressed responses (the finder page's inline SVG compresses well).</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // Pages that show health data, accounts or secrets (recovery codes, authenticator keys) are never kept by
            // a browser's or proxy's cache: a shared computer's Back button or history shows nothing after sign-out.
            var noStore = new NoStoreFilter();
            foreach (var folder in PrivateFolders)
            {
                options.Conventions.AddFolderApplicationModelConvention(folder, model => model.Filters.Add(noStore));
            }

            options.Conventions.AddPageApplicationModelConvention("/Setup", model => model.Filters.Add(noStore));
        });
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The page folders whose answers carry <c>Cache-Control: no-store</c>.</summary>
    public static readonly string[] PrivateFolders = ["/Account", "/Book", "/Clients", "/Practice", "/Treatment"];

    /// <summary>JSON through the contract's source-generated serializers, ProblemDetails for errors, an OpenAPI document.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractJson.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, WebJson.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(2, BookingJson.Default);
        });
        // The exception handler clears the response before writing its ProblemDetails: the security headers go back on.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Security.SecurityHeaders.Apply(context.HttpContext.Response.Headers));
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Knotwork API";
                document.Info.Description =
                    "Where a pain may really come from: the trigger-point referral knowledge base and the pain source finder. " +
                    "The finder suggests muscles worth examining; it is not a diagnosis, and it lists red flags first. " +
                    "Booking: the practice's services, areas and prices, the times a therapist can really reach a client's ZIP, booking and cancelling.";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}

/// <summary>Marks a page's answer as never to be stored by a cache (<c>Cache-Control: no-store</c>).</summary>
internal sealed class NoStoreFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache, no-store"; // the same words antiforgery uses, so it has nothing to override (and log)
        headers.Pragma = "no-cache";
        return next();
    }
}
