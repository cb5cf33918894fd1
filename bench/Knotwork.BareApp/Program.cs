// The yardstick for bench/load: the minimal ASP.NET Core app of the "empty web" template, with one endpoint
// answering a fixed small JSON document, outside Knotwork's pipeline. The load script starts it on loopback.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => Results.Text("""{"status":"ok"}""", "application/json"));
await app.RunAsync();
