using System.Net;
using System.Net.Sockets;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>
/// A loopback TCP relay to one port whose path can break and come back: <see cref="CutAndHold"/> resets every relayed
/// connection and holds new ones (accepted, nothing relayed) until <see cref="Release"/>, so a client's reconnect waits
/// for the test instead of racing it.
/// </summary>
public sealed class CuttableRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource? _held; // set while held

    public CuttableRelay(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void CutAndHold()
    {
        lock (_lock)
        {
            _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var socket in _sockets)
            {
                if (socket.Client is { } open)
                {
                    open.LingerState = new LingerOption(true, 0); // RST, as a broken path looks
                }
                socket.Dispose();
            }
            _sockets.Clear();
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _held?.TrySetResult();
            _held = null;
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
        using var server = new TcpClient();
        try
        {
            Task? held;
            lock (_lock)
            {
                held = _held?.Task;
            }
            if (held is not null)
            {
                await held.WaitAsync(_stop.Token);
            }
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            lock (_lock)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), _stop.Token),
                server.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the path was cut, or the relay stopped
        }
        finally
        {
            lock (_lock)
            {
                _sockets.Remove(client);
                _sockets.Remove(server);
            }
            client.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        CutAndHold();
        _stop.Dispose();
    }
}
