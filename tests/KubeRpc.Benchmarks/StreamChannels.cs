using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The loopback channels N concurrent streams to one server are spread over: <see cref="StreamsPerChannel"/> streams
/// per <see cref="GrpcChannel"/> (one HTTP/2 connection each), laid out the same way for every server measured.
/// </summary>
internal sealed class StreamChannels(int port) : IDisposable
{
    public const int StreamsPerChannel = 500;

    private readonly List<GrpcChannel> _channels = [];

    /// <summary>The channel of the <paramref name="stream"/>-th stream; streams are opened in order from 0.</summary>
    public GrpcChannel For(int stream)
    {
        if (stream % StreamsPerChannel == 0)
        {
            _channels.Add(GrpcChannel.ForAddress($"http://127.0.0.1:{port}"));
        }
        return _channels[^1];
    }

    /// <summary>A loopback port free at the time of asking, for a server the benchmark starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
