using System.Threading.Channels;
using Grpc.Core;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>A WatchServiceEndpoints stream read in the background, its messages in a queue the test takes from.</summary>
internal sealed class EndpointsWatch : IDisposable
{
    private readonly AsyncServerStreamingCall<ServiceEndpointsEvent> _call;
    private readonly Channel<ServiceEndpointsEvent> _events = Channel.CreateUnbounded<ServiceEndpointsEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private EndpointsWatch(AsyncServerStreamingCall<ServiceEndpointsEvent> call)
    {
        _call = call;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The status the stream ended with, once it has.</summary>
    public RpcException? Error { get; private set; }

    public static EndpointsWatch Start(ServiceManager.ServiceManagerClient client, WatchServiceEndpointsRequest request, Metadata? headers = null) =>
        new(client.WatchServiceEndpoints(request, headers));

    /// <summary>The next message, or a failure after <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<ServiceEndpointsEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _events.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no endpoints message arrived" + (Error is null ? "" : $"; the stream ended with {Error.Status}"));
        }
        catch (ChannelClosedException)
        {
            throw (Exception?)Error ?? new InvalidOperationException("the stream ended without a status");
        }
    }

    /// <summary>Messages until one satisfies <paramref name="done"/>, which is returned.</summary>
    public async Task<ServiceEndpointsEvent> UntilAsync(Func<ServiceEndpointsEvent, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var next = await NextAsync(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            if (done(next))
            {
                return next;
            }
        }
    }

    /// <summary>True when no message arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> QuietForAsync(TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            return !await _events.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Waits for the stream to end and returns its status.</summary>
    public async Task<RpcException> EndAsync(TimeSpan? timeout = null)
    {
        await _reading.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
        return Error ?? throw new InvalidOperationException("the stream ended without an error");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _call.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var e in _call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                await _events.Writer.WriteAsync(e);
            }
        }
        catch (RpcException e)
        {
            Error = e;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
