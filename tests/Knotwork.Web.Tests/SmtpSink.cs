using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Knotwork.Web.Tests;

/// <summary>A minimal SMTP server on loopback that accepts one message and hands over the whole conversation.</summary>
internal sealed class SmtpSink : IDisposable
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
