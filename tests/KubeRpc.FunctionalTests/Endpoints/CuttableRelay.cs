using System.Net;
using System.Net.Sockets;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// A loopback TCP relay to one port that can be cut: <see cref="Cut"/> resets every relayed connection and resets new
/// ones at once (a server out of reach), <see cref="Restore"/> relays again.
/// </summary>
public sealed class CuttableRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _cut;
    private int _accepted;

    public CuttableRelay(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections relayed so far (not counting those reset while cut).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                Reset(client);
            }
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            if (_cut)
            {
                Reset(inbound);
                continue;
            }
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _target);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            Interlocked.Increment(ref _accepted);
            await Task.WhenAny(Pipe(inbound, outbound), Pipe(outbound, inbound));
        }
        catch (Exception)
        {
            // A cut connection: nothing to relay.
        }
        finally
        {
            Reset(inbound);
            Reset(outbound);
        }
    }

    private async Task Pipe(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception)
        {
            // Either side reset: the relay of this connection is over.
        }
    }

    /// <summary>Closes with RST, as a vanished peer's kernel or a dropped NAT entry would answer.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (Exception)
        {
            // Already closed.
        }
        client.Dispose();
    }
}
