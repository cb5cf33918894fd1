using Knotwork.Web;
using Knotwork.Web.Accounts;
using Knotwork.Web.Api;
using Knotwork.Web.Audit;
using Knotwork.Web.Booking;
using Knotwork.Web.Calendar;
using Knotwork.Web.Mail;
using Knotwork.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// Loopback by default; --urls, ASPNETCORE_URLS or a "Urls" setting choose another address.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddAudit();
builder.Services.AddMail(builder.Configuration);
builder.Services.AddReminders(builder.Configuration);
builder.Services.AddKnowledge();
builder.Services.AddBodyMap();
builder.Services.AddBooking();
builder.Services.AddApi();
builder.Services.AddPages();
builder.Services.AddSecurity();
builder.Services.AddPublicAddress(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.MigrateDatabaseAsync();
await AccountsExtensions.EnsureRolesAsync(app.Services);
await app.SeedSamplePracticeAsync();

app.UseForwardedHeadersFromProxies();
app.UseExceptionHandler();
app.UseSecurity();
app.UseResponseCompression();
app.UseApiAndPageStatusCodes();
app.UseRouting();
app.UseRateLimits();
app.UseSignInFor(context => !context.IsPublicApi());

app.MapStaticAssets();
app.MapOpenApi();
app.MapHealth();
app.MapRegions();
app.MapMuscles();
app.MapFinder();
app.MapBooking();
app.MapCalendarFeed();
app.MapVisits();
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();

/// <summary>The web app's entry point (public so tests can start it with WebApplicationFactory).</summary>
public partial class Program;
