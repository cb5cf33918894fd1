using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Knotwork.Web.Tests.Security;

/// <summary>
/// What the in-process test server cannot do by itself: a request from a given client address
/// (<see cref="ClientAddressHeader"/>; the test server gives none) and a request whose body fails to read
/// (<see cref="BrokenBodyHeader"/>), to provoke an unhandled error in a real endpoint. Runs before the app's own
/// pipeline.
/// </summary>
internal sealed class TestConnection : IStartupFilter
{
    public const string ClientAddressHeader = "X-Test-Client-Address";
    public const string BrokenBodyHeader = "X-Test-Broken-Body";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }

            if (context.Request.Headers.ContainsKey(BrokenBodyHeader))
            {
                context.Request.Body = new BrokenStream();
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>The app with these settings and the test connection features.</summary>
    public static WebApplicationFactory<Program> App(KnotworkApp app, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestConnection>());
        });

    /// <summary>A GET from a client address.</summary>
    public static async Task<HttpResponseMessage> Get(HttpClient client, string url, string? from = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (from is not null)
        {
            request.Headers.Add(ClientAddressHeader, from);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("The test broke the request body.");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("The test broke the request body.");
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("The test broke the request body.");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
