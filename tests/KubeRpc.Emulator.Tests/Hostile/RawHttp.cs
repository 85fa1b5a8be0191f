using System.Net.Sockets;
using System.Text;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// A request written by hand on a TCP socket, for what HttpClient will not send: a body that never ends, a
/// Content-Length that lies. The response head and its Content-Length body are read back.
/// </summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> ConnectAsync(string url)
    {
        var uri = new Uri(url);
        var raw = new RawHttp();
        await raw._client.ConnectAsync(uri.Host, uri.Port).DefaultTimeout();
        raw._stream = raw._client.GetStream();
        return raw;
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.ASCII.GetBytes(text));

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes, TaskTimeouts.DefaultToken());

    /// <summary>Reads the status line, headers and a Content-Length body.</summary>
    public async Task<(int Code, string Head, string Body)> ReadResponseAsync()
    {
        var token = TaskTimeouts.DefaultToken();
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await _stream.ReadAsync(buffer, token);
            if (read == 0)
            {
                throw new IOException("connection closed before a response head");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString(received.ToArray(), 0, headEnd);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2
            && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = received.Skip(headEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await _stream.ReadAsync(buffer, token);
            if (read == 0)
            {
                break;
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        return (int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), head, Encoding.UTF8.GetString(body.ToArray()));
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
