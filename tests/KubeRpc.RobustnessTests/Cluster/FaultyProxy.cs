using System.Net;
using System.Net.Sockets;

namespace KubeRpc.RobustnessTests.Cluster;

/// <summary>
/// A loopback TCP relay to the API server whose path fails in the two ways networks do: <see cref="Reset"/> sends RST
/// on every relayed connection (the client notices at once), <see cref="Blackhole"/> silences every connection for good
/// and new ones for a while, with nothing sent back (the client notices only by its own timeouts).
/// </summary>
internal sealed class FaultyProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<Link> _links = [];
    private long _silentUntil; // Environment.TickCount64; new connections before it are dead from the start

    public FaultyProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Reset()
    {
        foreach (var link in Take())
        {
            link.Reset();
        }
    }

    /// <summary>Every open connection goes silent and stays open; connections made within <paramref name="duration"/> too.</summary>
    public void Blackhole(TimeSpan duration)
    {
        Interlocked.Exchange(ref _silentUntil, Environment.TickCount64 + (long)duration.TotalMilliseconds);
        lock (_lock)
        {
            foreach (var link in _links)
            {
                link.Silent = true;
            }
        }
    }

    private List<Link> Take()
    {
        lock (_lock)
        {
            var links = _links.ToList();
            _links.Clear();
            return links;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var link = new Link(client, new TcpClient()) { Silent = Environment.TickCount64 < Interlocked.Read(ref _silentUntil) };
        lock (_lock)
        {
            _links.Add(link);
        }
        try
        {
            if (link.Silent)
            {
                // A dead path: the connection is accepted, nothing ever reaches the server.
                await Drain(client.GetStream(), null, link);
                return;
            }
            await link.Server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            await Task.WhenAny(Drain(client.GetStream(), link.Server.GetStream(), link), Drain(link.Server.GetStream(), client.GetStream(), link));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Reset, or the proxy stopped.
        }
        finally
        {
            lock (_lock)
            {
                _links.Remove(link);
            }
            link.Dispose();
        }
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/> until the end, dropping what arrives while silent.</summary>
    private async Task Drain(NetworkStream from, NetworkStream? to, Link link)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    if (!link.Silent)
                    {
                        return;
                    }
                    // A silent link does not pass the close on either: it stays open until the proxy stops.
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                if (!link.Silent && to is not null)
                {
                    await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Reset, or the proxy stopped.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Reset();
        _stop.Dispose();
    }

    private sealed class Link(TcpClient client, TcpClient server) : IDisposable
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public volatile bool Silent;

        public void Reset()
        {
            foreach (var socket in new[] { Client, Server })
            {
                try
                {
                    if (socket.Client is { Connected: true } open)
                    {
                        open.LingerState = new LingerOption(true, 0); // RST, as a broken path looks
                    }
                }
                catch (ObjectDisposedException)
                {
                }
                socket.Dispose();
            }
        }

        public void Dispose() => Reset();
    }
}
