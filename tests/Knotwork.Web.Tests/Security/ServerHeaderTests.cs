namespace Knotwork.Web.Tests.Security;

public class ServerHeaderTests
{
    [Fact]
    public async Task Kestrel_DoesNotNameItselfInAServerHeader()
    {
        // The in-memory test server never sends Server; real Kestrel on a loopback port does unless told not to.
        await using var app = new KnotworkApp();
        app.UseKestrel(0);
        app.StartServer();
        using var http = app.CreateClient();

        var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("127.0.0.1", http.BaseAddress?.Host);
        Assert.Empty(response.Headers.Server);
    }
}
