using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>
/// Walks every page and endpoint as each role and as a stranger: who may open what, and that nothing about a
/// client leaks to someone who may not see them. A new route fails this test until it is added to the table.
/// </summary>
public class AuthorizationWalkTests
{
    private const string Secret1 = "Zelda Quince";   // client 1, assigned to therapist A
    private const string Secret2 = "Yorick Plumb";   // client 2, assigned to nobody

    private enum Outcome { Ok, Login, Denied, Missing, BadRequest, Unauthorized }

    private static readonly string[] Who = ["stranger", "client1", "client2", "therapistA", "therapistB", "owner"];

    /// <summary>Route pattern -> (url to request, expected outcome for each of <see cref="Who"/>).</summary>
    private static Dictionary<string, (string Url, Outcome[] Expect)> Table(Guid c1, Guid booking) => new()
    {
        ["/clients"] = ("/clients", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/clients/{id:guid}"] = ($"/clients/{c1}", [Outcome.Login, Outcome.Ok, Outcome.Missing, Outcome.Ok, Outcome.Missing, Outcome.Ok]),
        ["/clients/{id:guid}/progress"] = ($"/clients/{c1}/progress", [Outcome.Login, Outcome.Ok, Outcome.Missing, Outcome.Ok, Outcome.Missing, Outcome.Ok]),
        ["/clients/{id:guid}/edit"] = ($"/clients/{c1}/edit", [Outcome.Login, Outcome.Ok, Outcome.Missing, Outcome.Ok, Outcome.Missing, Outcome.Ok]),
        ["/clients/new"] = ("/clients/new", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/clients/pain-maps"] = ("/clients/pain-maps", [Outcome.Login, Outcome.Login, Outcome.Login, Outcome.Login, Outcome.Login, Outcome.Login]),
        ["/practice/staff"] = ("/practice/staff", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok]),
        ["/practice/audit"] = ("/practice/audit", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok]),
        ["/practice/held-mail"] = ("/practice/held-mail", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok]),
        // Visits (issue 10): staff of the client only; a client reads their aftercare, never the chart.
        ["/visits/start"] = ($"/visits/start?client={c1}", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Missing, Outcome.Ok]),
        ["/visits/{id:guid}/chart"] = ($"/visits/{Guid.NewGuid()}/chart", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Missing, Outcome.Missing, Outcome.Missing]),
        ["/visits/{id:guid}/brief"] = ($"/visits/{Guid.NewGuid()}/brief", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Missing, Outcome.Missing, Outcome.Missing]),
        ["/visits/{id:guid}/note"] = ($"/visits/{Guid.NewGuid()}/note", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Missing, Outcome.Missing, Outcome.Missing]),
        ["/visits/{id:guid}/aftercare"] = ($"/visits/{Guid.NewGuid()}/aftercare", [Outcome.Login, Outcome.Missing, Outcome.Missing, Outcome.Missing, Outcome.Missing, Outcome.Missing]),
        ["/check-in/{id:guid}"] = ($"/check-in/{Guid.NewGuid()}?token=guess", All(Outcome.Missing)), // only the link's token opens a check-in
        ["/intake/{id:guid}"] = ($"/intake/{Guid.NewGuid()}?token=guess", All(Outcome.Missing)), // the booking's token or its own signed-in client opens an intake
        ["/api/visits/{id:guid}/chart"] = ($"/api/visits/{Guid.NewGuid()}/chart", [Outcome.Unauthorized, Outcome.Denied, Outcome.Denied, Outcome.Missing, Outcome.Missing, Outcome.Missing]),
        // Staff bookings: the therapists here are linked to no setup therapist, so they list none and the booking is not theirs.
        ["/practice/bookings"] = ("/practice/bookings", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/practice/bookings/{id:guid}"] = ($"/practice/bookings/{booking}", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Missing, Outcome.Missing, Outcome.Ok]),
        ["/practice/bookings/new"] = ("/practice/bookings/new", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok]),
        // A therapist's own day, week and time off (the walk's therapists are not linked to a setup therapist, so
        // their pages say to ask the owner); the owner sees the first therapist's.
        ["/practice/dashboard"] = ("/practice/dashboard", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/practice/day"] = ("/practice/day", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/practice/week"] = ("/practice/week", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/practice/time-off"] = ("/practice/time-off", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/practice/setup"] = ("/practice/setup", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok]),
        // Chair massage events (issue 11): the owner answers requests; employers and employees hold private links only.
        ["/practice/events"] = ("/practice/events", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Ok]),
        ["/practice/events/{id:guid}"] = ($"/practice/events/{Guid.NewGuid()}", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Denied, Outcome.Missing]),
        ["/practice/events/{id:guid}/attendance"] = ($"/practice/events/{Guid.NewGuid()}/attendance", [Outcome.Login, Outcome.Denied, Outcome.Denied, Outcome.Missing, Outcome.Missing, Outcome.Missing]),
        ["/events/request"] = ("/events/request", All(Outcome.Ok)), // employers ask without an account
        ["/events/{id:guid}/join"] = ($"/events/{Guid.NewGuid()}/join?token=guess", All(Outcome.Missing)), // only the employees' token opens an event
        ["/events/{id:guid}/roster"] = ($"/events/{Guid.NewGuid()}/roster?token=guess", All(Outcome.Missing)), // only the roster token opens a roster
        ["/events/slots/cancel"] = ("/events/slots/cancel?token=guess", All(Outcome.Missing)), // only a slot's cancel token opens it
        ["/account"] = ("/account", [Outcome.Login, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/account/two-factor"] = ("/account/two-factor", [Outcome.Login, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/account/security"] = ("/account/security", [Outcome.Login, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        ["/account/password"] = ("/account/password", [Outcome.Login, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok]),
        // Public pages and the knowledge API: open to everyone, and never about a client.
        [""] = ("/", All(Outcome.Ok)),
        ["/Index"] = ("/Index", All(Outcome.Ok)),
        ["/finder"] = ("/finder?regions=temple.l", All(Outcome.Ok)),
        ["/muscles"] = ("/muscles", All(Outcome.Ok)),
        ["/muscles/{slug}"] = ("/muscles/deltoid", All(Outcome.Ok)),
        ["/groups/{slug}"] = ("/groups/calves", All(Outcome.Ok)),
        ["/learn"] = ("/learn", All(Outcome.Ok)),
        ["/book"] = ("/book?zip=93534", All(Outcome.Ok)), // booking is for guests too; a signed-in client's own details are filled in
        ["/book/manage/{id}"] = ($"/book/manage/{Guid.NewGuid()}?token=guess", All(Outcome.Missing)), // only the manage token opens a booking
        ["/not-found"] = ("/not-found", All(Outcome.Missing)),
        ["/setup"] = ("/setup", All(Outcome.Missing)),
        ["/account/sign-in"] = ("/account/sign-in", All(Outcome.Ok)),
        ["/account/sign-in/two-factor"] = ("/account/sign-in/two-factor", All(Outcome.Login)),
        ["/account/sign-out"] = ("/account/sign-out", All(Outcome.Ok)),
        ["/account/register"] = ("/account/register", All(Outcome.Ok)),
        ["/account/confirm-email"] = ("/account/confirm-email", All(Outcome.BadRequest)), // no token: nothing to confirm
        ["/account/accept-invite"] = ("/account/accept-invite", All(Outcome.Ok)),
        ["/account/forgot-password"] = ("/account/forgot-password", All(Outcome.Ok)),
        ["/account/reset-password"] = ("/account/reset-password", All(Outcome.BadRequest)), // no token: the page says the link is not valid
        ["/account/denied"] = ("/account/denied", All(Outcome.Denied)), // the page itself answers 403
        ["/api/health"] = ("/api/health", All(Outcome.Ok)),
        ["/api/regions"] = ("/api/regions", All(Outcome.Ok)),
        ["/api/muscles/"] = ("/api/muscles", All(Outcome.Ok)),
        ["/api/muscles/{slug}"] = ("/api/muscles/soleus", All(Outcome.Ok)),
        ["/api/finder/"] = ("/api/finder?regions=temple.l", All(Outcome.Ok)),
        // Token-protected public: a calendar app cannot sign in, so the token in the URL is the only key; a signed-in
        // owner without it gets the same 404 as a stranger (CalendarFeedTests covers the right token and renewal).
        ["/calendar/{therapistId}/{token}.ics"] = ("/calendar/maria/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", All(Outcome.Missing)),
        ["/openapi/{documentName}.json"] = ("/openapi/v1.json", All(Outcome.Ok)),
        // The booking API (over the sample practice a first run starts with): public, and never about a client.
        ["/api/services"] = ("/api/services", All(Outcome.Ok)),
        ["/api/areas"] = ("/api/areas", All(Outcome.Ok)),
        ["/api/areas/{zip}"] = ("/api/areas/93534", All(Outcome.Ok)),
        ["/api/availability"] = ("/api/availability?service=deep-tissue-60&zip=93534", All(Outcome.Ok)),
        // POSTed with the body {"token": "x"}: not a booking request, and not the token of any booking.
        ["/api/bookings"] = ("POST /api/bookings", All(Outcome.BadRequest)),
        ["/api/bookings/{id}/cancel"] = ($"POST /api/bookings/{Guid.NewGuid()}/cancel", All(Outcome.Missing)),
    };

    private static Outcome[] All(Outcome o) => [o, o, o, o, o, o];

    [Fact]
    public async Task EveryRouteAsEveryRole_OpensOnlyWhatItMay_AndLeaksNothing()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var therapistA = await driver.InviteTherapist(owner, "Theo A", "theo@knotwork.test");
        var therapistB = await driver.InviteTherapist(owner, "Tess B", "tess@knotwork.test");
        var (client1, c1) = await driver.RegisterClient(Secret1, "zelda@knotwork.test");
        var (client2, _) = await driver.RegisterClient(Secret2, "yorick@knotwork.test");
        var theoId = await TherapistId(app, "theo@knotwork.test");
        var assigned = await owner.Post($"/clients/{c1}", new Dictionary<string, string> { ["therapistId"] = theoId.ToString() }, $"/clients/{c1}?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        var people = new Dictionary<string, Browser>
        {
            ["stranger"] = new Browser(app), ["client1"] = client1, ["client2"] = client2,
            ["therapistA"] = therapistA, ["therapistB"] = therapistB, ["owner"] = owner,
        };
        var table = Table(c1, await AddBooking(app));
        AssertEveryRouteIsInTheTable(app, table.Keys);

        var failures = new List<string>();
        foreach (var (route, (url, expect)) in table)
        {
            for (var i = 0; i < Who.Length; i++)
            {
                var response = await Request(people[Who[i]], url);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var got = Classify(response);
                if (got != expect[i])
                {
                    failures.Add($"{Who[i]} GET {url}: expected {expect[i]}, got {got} ({(int)response.StatusCode} {response.Headers.Location})");
                }

                var mayKnow1 = Who[i] is "client1" or "therapistA" or "owner";
                var mayKnow2 = Who[i] is "client2" or "owner";
                if ((!mayKnow1 && body.Contains(Secret1, StringComparison.Ordinal)) || (!mayKnow2 && body.Contains(Secret2, StringComparison.Ordinal)))
                {
                    failures.Add($"LEAK: {Who[i]} GET {url} shows a client they may not see");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The assigned therapist records a pain map for the client, who then sees it on their own page.
        var finder = await therapistA.Html("/finder?regions=heel.r");
        Assert.Contains(Secret1, finder, StringComparison.Ordinal); // the "save for" list holds only their clients
        Assert.DoesNotContain(Secret2, finder, StringComparison.Ordinal);
        var saved = await therapistA.Post("/finder?regions=heel.r", new Dictionary<string, string>
        {
            ["clientId"] = c1.ToString(), ["regions"] = "heel.r", ["saveId"] = Guid.NewGuid().ToString(),
        }, "/clients/pain-maps");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("recorded by Theo A", await client1.Html($"/clients/{c1}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingAPainMap_ForAClientOneMayNotSee_IsRefusedAndStoresNothing()
    {
        await using var app = new KnotworkApp();
        var driver = new PracticeDriver(app);
        var owner = await driver.SetUpOwner();
        var therapistB = await driver.InviteTherapist(owner, "Tess B", "tess@knotwork.test");
        var (_, c1) = await driver.RegisterClient(Secret1, "zelda@knotwork.test");
        var (client2, _) = await driver.RegisterClient(Secret2, "yorick@knotwork.test");

        foreach (var intruder in new[] { client2, therapistB })
        {
            var response = await intruder.Post("/finder?regions=temple.l", new Dictionary<string, string>
            {
                ["clientId"] = c1.ToString(), ["regions"] = "temple.l", ["saveId"] = Guid.NewGuid().ToString(),
            }, "/clients/pain-maps");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.DoesNotContain("class=\"pain-map\"", await owner.Html($"/clients/{c1}"), StringComparison.Ordinal);
    }

    /// <summary>GETs <paramref name="url"/>, or POSTs a small JSON body to it when it starts with "POST ".</summary>
    private static async Task<HttpResponseMessage> Request(Browser person, string url)
    {
        if (!url.StartsWith("POST ", StringComparison.Ordinal))
        {
            return await person.Get(url);
        }

        using var body = new StringContent("""{"token": "x"}""", System.Text.Encoding.UTF8, "application/json");
        return await person.Http.PostAsync(new Uri(url["POST ".Length..], UriKind.Relative), body, TestContext.Current.CancellationToken);
    }

    private static Outcome Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Ok,
            HttpStatusCode.NotFound => Outcome.Missing,
            HttpStatusCode.BadRequest => Outcome.BadRequest,
            HttpStatusCode.Unauthorized => Outcome.Unauthorized, // an API answers 401 rather than redirect to the sign-in page
            HttpStatusCode.Forbidden => Outcome.Denied,
            HttpStatusCode.Redirect when location.Contains("/account/denied", StringComparison.Ordinal) => Outcome.Denied,
            HttpStatusCode.Redirect when location.Contains("/account/sign-in", StringComparison.Ordinal) => Outcome.Login,
            HttpStatusCode.Redirect when location.Contains("/finder", StringComparison.Ordinal) => Outcome.Login,
            _ => (Outcome)(-1),
        };
    }

    private static void AssertEveryRouteIsInTheTable(KnotworkApp app, IEnumerable<string> covered)
    {
        var known = covered.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .Where(r => !Path.HasExtension(r.Split('{')[0]) && !r.Contains("{**", StringComparison.Ordinal) && !r.StartsWith('_'))
            .Select(r => r.TrimStart('/').Length == 0 ? "" : "/" + r.TrimStart('/'))
            .Distinct()
            .Where(r => !known.Contains(r) && !r.EndsWith(".css", StringComparison.Ordinal))
            .ToList();
        Assert.True(routes.Count == 0, "Routes missing from the authorization table: " + string.Join(", ", routes));
    }

    /// <summary>A booked visit with Maria of the sample practice, for a guest who is neither client of the walk.</summary>
    private static async Task<Guid> AddBooking(KnotworkApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Knotwork.Data.KnotworkDbContext>();
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(18);
        var booking = new Knotwork.Data.Entities.BookingRecord
        {
            Id = Guid.NewGuid(), ServiceId = "deep-tissue-60", TherapistId = "maria", Status = Knotwork.Data.Entities.BookingStatus.Booked,
            StartUtc = start, EndUtc = start.AddHours(1), Zip = "93534", Address = "44 Cedar Ave", Name = "Walk Guest",
            Email = "guest@knotwork.test", Phone = "+1 661 555 0100", Price = 110m, ManageTokenHash = "x", CreatedAtUtc = DateTime.UtcNow,
        };
        db.Bookings.Add(booking);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return booking.Id;
    }

    private static async Task<Guid> TherapistId(KnotworkApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Knotwork.Data.Entities.KnotworkUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }
}
