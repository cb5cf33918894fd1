using Knotwork.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Accounts;

/// <summary>With an SMTP server configured, mail is sent over SMTP (to a small real SMTP peer on loopback), not held.</summary>
public class SmtpDeliveryTests
{
    [Fact]
    public async Task WithSmtpConfigured_TheConfirmationGoesOutOverSmtp_AndIsNotHeld()
    {
        using var sink = new SmtpSink();
        await using var baseApp = new KnotworkApp();
        await using var app = baseApp.WithWebHostBuilder(b =>
        {
            b.UseSetting("Knotwork:Smtp:Host", "127.0.0.1");
            b.UseSetting("Knotwork:Smtp:Port", sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Knotwork:Smtp:EnableSsl", "false");
            b.UseSetting("Knotwork:Smtp:From", "practice@knotwork.test");
        });
        await new PracticeDriver(app).SetUpOwner();
        var client = new Browser(app);

        await client.Post("/account/register", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Sid Smtp", ["Input.Email"] = "sid@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
            ["Input.AgreeTreatment"] = "true", ["Input.AgreePrivacy"] = "true",
        });

        var message = await sink.Received.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Contains("RCPT TO:<sid@knotwork.test>", message, StringComparison.Ordinal);
        Assert.Contains("confirm-email", message, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<KnotworkDbContext>().HeldMail.AnyAsync(TestContext.Current.CancellationToken));
    }
}
