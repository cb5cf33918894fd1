using Knotwork.Web;
using Knotwork.Web.Api;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddKnowledge();
builder.Services.AddApi();
builder.Services.AddRazorPages();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();

app.MapOpenApi();
app.MapHealth();
app.MapRegions();
app.MapMuscles();
app.MapFinder();
app.MapRazorPages();

app.Run();

/// <summary>The web app's entry point (public so tests can start it with WebApplicationFactory).</summary>
public partial class Program;
