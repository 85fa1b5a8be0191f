using System.Net;
using System.Net.Sockets;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>
/// A loopback TCP relay to one port that can go silent: after <see cref="Blackhole"/> it stops relaying in both
/// directions but keeps every connection open, as a client whose machine vanished or a network path that died
/// looks to the server (no FIN, no RST, nothing). What the server sends is still read (and dropped), so the relay
/// sees the server close a connection (<see cref="ServerClosed"/>) and counts its HTTP/2 PINGs (<see cref="ServerPings"/>).
/// </summary>
public sealed class BlackholeProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly TaskCompletionSource _serverClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _pinged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _serverPings;
    private volatile bool _silent;

    public BlackholeProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections relayed so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count / 2;
            }
        }
    }

    /// <summary>Completes when the server first closes or resets a relayed connection.</summary>
    public Task ServerClosed => _serverClosed.Task;

    /// <summary>HTTP/2 PING frames (not acknowledgements) the server has sent, over every relayed connection.</summary>
    public int ServerPings => Volatile.Read(ref _serverPings);

    /// <summary>From now on nothing passes either way; the connections stay open.</summary>
    public void Blackhole() => _silent = true;

    /// <summary>Completes once <see cref="ServerPings"/> reaches <paramref name="count"/>.</summary>
    public async Task UntilServerPingsAsync(int count)
    {
        while (true)
        {
            // Taken before looking, so a PING between the look and the wait still wakes us.
            var pinged = Volatile.Read(ref _pinged).Task;
            if (ServerPings >= count)
            {
                return;
            }
            await pinged;
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                lock (_connections)
                {
                    _connections.Add(client);
                    _connections.Add(server);
                }
                _ = RelayToServerAsync(client.GetStream(), server.GetStream());
                _ = RelayFromServerAsync(server.GetStream(), client.GetStream());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private async Task RelayToServerAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!_silent)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (_silent)
                {
                    // What was just read is dropped and nothing more is read: the sender hears nothing back, as from
                    // a dead peer.
                    return;
                }
                if (n == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the other side closed.
        }
    }

    /// <summary>As <see cref="RelayToServerAsync"/>, but once silent it keeps reading and dropping, to see the server close.</summary>
    private async Task RelayFromServerAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        var frames = new PingCounter(OnServerPing);
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    _serverClosed.TrySetResult();
                    if (!_silent)
                    {
                        to.Socket.Shutdown(SocketShutdown.Send);
                    }
                    return;
                }
                frames.Read(buffer.AsSpan(0, n));
                if (!_silent)
                {
                    await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                }
            }
        }
        catch (Exception e) when ((e is IOException or SocketException) && !from.Socket.Connected && !_stop.IsCancellationRequested)
        {
            // Reset by the server.
            _serverClosed.TrySetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Disposed, or the client closed.
        }
    }

    private void OnServerPing()
    {
        Interlocked.Increment(ref _serverPings);
        Interlocked.Exchange(ref _pinged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }
        _stop.Dispose();
    }

    /// <summary>
    /// Reads one direction of an HTTP/2 connection from its first byte (the server's side has no preface) and counts
    /// the PING frames without the ACK flag. Not meaningful on anything else, where it only counts noise.
    /// </summary>
    private sealed class PingCounter(Action onPing)
    {
        private const byte Ping = 0x6;
        private const byte Ack = 0x1;
        private readonly byte[] _header = new byte[9];
        private int _headerRead;
        private int _payloadLeft;

        public void Read(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (_payloadLeft > 0)
                {
                    var skip = Math.Min(_payloadLeft, data.Length);
                    _payloadLeft -= skip;
                    data = data[skip..];
                    continue;
                }
                var take = Math.Min(_header.Length - _headerRead, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerRead));
                _headerRead += take;
                data = data[take..];
                if (_headerRead < _header.Length)
                {
                    return;
                }
                // Frame header: 24-bit length, type, flags, stream id.
                _headerRead = 0;
                _payloadLeft = (_header[0] << 16) | (_header[1] << 8) | _header[2];
                if (_header[3] == Ping && (_header[4] & Ack) == 0)
                {
                    onPing();
                }
            }
        }
    }
}
