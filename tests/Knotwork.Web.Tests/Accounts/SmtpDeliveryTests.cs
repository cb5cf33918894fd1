using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>A minimal SMTP server on loopback that accepts one message and hands over the whole conversation.</summary>
    private sealed class SmtpSink : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public SmtpSink()
        {
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => _listener.Stop();

        private async Task Serve()
        {
            try
            {
                using var socket = await _listener.AcceptTcpClientAsync();
                await using var stream = socket.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                var log = new StringBuilder();
                await writer.WriteLineAsync("220 sink ESMTP");
                var inData = false;
                while (await reader.ReadLineAsync() is { } line)
                {
                    log.AppendLine(line);
                    if (inData)
                    {
                        if (line == ".")
                        {
                            inData = false;
                            await writer.WriteLineAsync("250 OK queued");
                        }

                        continue;
                    }

                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                        case "HELO":
                            await writer.WriteLineAsync("250 sink");
                            break;
                        case "DATA":
                            inData = true;
                            await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            Received.TrySetResult(log.ToString());
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }

                Received.TrySetResult(log.ToString());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                Received.TrySetException(e);
            }
        }
    }
}
