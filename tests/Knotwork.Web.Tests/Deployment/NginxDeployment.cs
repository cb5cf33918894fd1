using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Knotwork.Data;
using Knotwork.Data.Protection;
using Knotwork.Web.Tests.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Knotwork.Web.Tests.Deployment;

/// <summary>
/// Knotwork deployed as the README says: the built app as its own process in Production on 127.0.0.1, Debian's nginx
/// in front with TLS (a throwaway self-signed certificate), redirecting plain HTTP, forwarding the client's address
/// and scheme; the app trusts nginx (<c>Knotwork:Proxy:KnownProxies=127.0.0.1</c>) and builds links from
/// <see cref="PublicBaseUrl"/>. Everything lives in one temporary folder; both processes are killed at the end.
/// The practice is set up once, through nginx, by an owner with two-factor sign-in.
/// </summary>
public sealed class NginxDeployment : IAsyncLifetime
{
    /// <summary>The public host name: resolved by the tests' own connections, never by DNS.</summary>
    public const string Host = "book.knotwork.test";

    /// <summary>Sign-in attempts each client address may make in the test (an hour's window).</summary>
    public const int SignInLimit = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Debian's nginx (<c>/usr/sbin</c> is not on every user's PATH), or the one <c>KNOTWORK_NGINX</c> names.</summary>
    private static string NginxCommand =>
        Environment.GetEnvironmentVariable("KNOTWORK_NGINX") is { Length: > 0 } named ? named
        : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("knotwork-nginx-");
    private readonly StringBuilder _appOutput = new();
    private readonly StringBuilder _nginxOutput = new();
    private Process? _app;
    private Process? _nginx;
    private string? _certificateHash;

    public int AppPort { get; private set; }

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    /// <summary>The address people use: https on nginx's port.</summary>
    public string PublicBaseUrl => $"https://{Host}:{HttpsPort}";

    public string DataDirectory => Path.Combine(_root.FullName, "data");

    /// <summary>The app's master key file, in a folder of its own beside the data, as the README's deployment keeps it.</summary>
    public string KeyFile => Path.Combine(_root.FullName, "keys", "knotwork.key");

    /// <summary>The owner, signed in through nginx from 127.0.0.1, with two-factor sign-in on.</summary>
    public Browser Owner { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        try
        {
            AppDomain.CurrentDomain.ProcessExit += KillOnExit;
            var ports = FreePorts(3);
            (AppPort, HttpPort, HttpsPort) = (ports[0], ports[1], ports[2]);
            Directory.CreateDirectory(DataDirectory);
            var nginxPrefix = Directory.CreateDirectory(Path.Combine(_root.FullName, "nginx")).FullName;
            await MakeCertificate(nginxPrefix);
            var config = Path.Combine(nginxPrefix, "nginx.conf");
            await File.WriteAllTextAsync(config, NginxConfig(nginxPrefix));

            _app = StartApp();
            _nginx = Run(NginxCommand, _nginxOutput, "-c", config, "-p", nginxPrefix, "-e", Path.Combine(nginxPrefix, "error.log"), "-g", "daemon off;");
            await WaitUntil(() => IsUp(AppPort, "/api/health"), _app, _appOutput, "the app");
            await WaitUntil(() => IsUp(HttpsPort, "/api/health"), _nginx, _nginxOutput, "nginx");

            Owner = Person(IPAddress.Loopback);
            var setup = await Owner.Post("/setup", new Dictionary<string, string>
            {
                ["Input.PracticeName"] = "Behind nginx", ["Input.TimeZone"] = "UTC", ["Input.OwnerName"] = "Olivia Owner",
                ["Input.Email"] = "owner@knotwork.test", ["Input.Password"] = PracticeDriver.Password,
            });
            if (setup.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"setup through nginx answered {setup.StatusCode}: {await setup.Content.ReadAsStringAsync()}\n{Logs()}");
            }

            await Owner.EnableTwoFactor();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        await Stop(_nginx);
        await Stop(_app);
        _nginx = _app = null;
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    /// <summary>
    /// A person's browser at a loopback address of its own (127.0.0.2, ...): every connection, whatever host the URL
    /// names, goes to nginx on 127.0.0.1 from that address; only the throwaway certificate is accepted; cookies are kept
    /// and redirects are not followed.
    /// </summary>
    public Browser Person(IPAddress from) => new(Client(from));

    /// <inheritdoc cref="Person"/>
    public HttpClient Client(IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), _certificateHash, StringComparison.Ordinal);
        return new HttpClient(handler) { BaseAddress = new Uri(PublicBaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The app's own database (SQLite in its data folder), read directly as an administrator would.</summary>
    public SqliteKnotworkDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteKnotworkDbContext>()
            .UseSqlite(DatabaseSettings.ForSqliteFile(Path.Combine(DataDirectory, DatabaseSettings.SqliteFileName)).ConnectionString)
            .UseColumnEncryption(MasterKey.LoadOrCreateFile(KeyFile)).Options);

    /// <summary>What the app and nginx wrote, for failure messages.</summary>
    public string Logs()
    {
        var errorLog = Path.Combine(_root.FullName, "nginx", "error.log");
        lock (_appOutput)
        {
            lock (_nginxOutput)
            {
                return $"--- app ---\n{_appOutput}\n--- nginx ---\n{_nginxOutput}\n{(File.Exists(errorLog) ? File.ReadAllText(errorLog) : string.Empty)}";
            }
        }
    }

    private string NginxConfig(string prefix) => $$"""
        # A throwaway nginx in front of Knotwork, as in the README's deployment section.
        user {{Environment.UserName}};
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events { worker_connections 128; }
        http {
            access_log {{prefix}}/access.log;
            client_body_temp_path {{prefix}}/client_body;
            proxy_temp_path {{prefix}}/proxy;
            fastcgi_temp_path {{prefix}}/fastcgi;
            uwsgi_temp_path {{prefix}}/uwsgi;
            scgi_temp_path {{prefix}}/scgi;
            server_tokens off;

            server {
                listen 127.0.0.1:{{HttpPort}};
                server_name {{Host}};
                return 301 https://$host:{{HttpsPort}}$request_uri;
            }

            server {
                listen 127.0.0.1:{{HttpsPort}} ssl;
                server_name {{Host}};
                ssl_certificate {{prefix}}/cert.pem;
                ssl_certificate_key {{prefix}}/key.pem;
                ssl_protocols TLSv1.2 TLSv1.3;

                location / {
                    proxy_pass http://127.0.0.1:{{AppPort}};
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                }
            }
        }
        """;

    private async Task MakeCertificate(string folder)
    {
        var output = new StringBuilder();
        using var openssl = Run("openssl", output, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "cert.pem"), "-days", "2",
            "-subj", "/CN=" + Host, "-addext", "subjectAltName=DNS:" + Host);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await openssl.WaitForExitAsync(timeout.Token);
        if (openssl.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl failed ({openssl.ExitCode}): {output}");
        }

        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "cert.pem")));
        _certificateHash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private Process StartApp()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Knotwork.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{AppPort}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Knotwork__DataDirectory"] = DataDirectory;
        start.Environment["Knotwork__KeyFile"] = KeyFile;
        start.Environment["Knotwork__PublicBaseUrl"] = PublicBaseUrl;
        start.Environment["Knotwork__Proxy__KnownProxies"] = "127.0.0.1";
        start.Environment["Knotwork__RateLimits__ExemptLoopback"] = "false";
        start.Environment["Knotwork__RateLimits__SignIn__PermitLimit"] = SignInLimit.ToString(CultureInfo.InvariantCulture);
        start.Environment["Knotwork__RateLimits__SignIn__Window"] = "01:00:00";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Start(start, _appOutput);
    }

    private static Process Run(string command, StringBuilder output, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Start(start, output);
    }

    private static Process Start(ProcessStartInfo start, StringBuilder output)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task<bool> IsUp(int port, string path)
    {
        using var http = Client(IPAddress.Loopback);
        http.Timeout = TimeSpan.FromSeconds(5);
        var scheme = port == AppPort ? "http" : "https";
        var host = port == AppPort ? "127.0.0.1" : Host;
        try
        {
            return (await http.GetAsync(new Uri($"{scheme}://{host}:{port}{path}"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task WaitUntil(Func<Task<bool>> isUp, Process process, StringBuilder output, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with {process.ExitCode}:\n{Logs()}");
            }

            if (await isUp())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{what} did not answer within {StartTimeout.TotalSeconds} s:\n{output}\n{Logs()}");
    }

    private static async Task Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        foreach (var process in new[] { _nginx, _app })
        {
            try
            {
                process?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }

    /// <summary>Distinct free loopback ports (all held open until every one is chosen).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
