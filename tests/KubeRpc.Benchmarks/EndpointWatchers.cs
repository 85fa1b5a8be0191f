using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// N WatchServiceEndpoints streams of one Service over a few channels (one HTTP/2 connection each), recording when
/// each has received the set of each write, told by the marker endpoint the write put in it.
/// </summary>
internal sealed class EndpointWatchers : IAsyncDisposable
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly long[][] _receivedAt; // [subscriber][write]: Stopwatch timestamp, 0 until received
    private readonly int[] _arrivals; // [write]: subscribers that have it
    private readonly TaskCompletionSource[] _allArrived; // [write]
    private int _ended;

    private EndpointWatchers(int subscribers, int writes)
    {
        _receivedAt = [.. Enumerable.Range(0, subscribers).Select(_ => new long[writes + 1])];
        _arrivals = new int[writes + 1];
        _allArrived = [.. Enumerable.Range(0, writes + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
    }

    public int Ended => Volatile.Read(ref _ended);

    /// <summary>The marker endpoint's address of write <paramref name="write"/> (0: the slice as created).</summary>
    public static string MarkerAddress(int write) => string.Create(CultureInfo.InvariantCulture, $"10.1.{write >> 8}.{write & 255}");

    /// <summary>The write a set shows, by its marker endpoint; -1 without one.</summary>
    public static int Write(ServiceEndpoints set)
    {
        foreach (var endpoint in set.Endpoints)
        {
            var address = endpoint.Addresses.Count > 0 ? endpoint.Addresses[0] : "";
            if (address.StartsWith("10.1.", StringComparison.Ordinal))
            {
                var parts = address.Split('.');
                return (int.Parse(parts[2], CultureInfo.InvariantCulture) << 8) | int.Parse(parts[3], CultureInfo.InvariantCulture);
            }
        }
        return -1;
    }

    /// <summary>Opens the streams and returns once each has its INITIAL set.</summary>
    public static async Task<EndpointWatchers> StartAsync(int port, string ns, string name, int subscribers, int channels, int writes)
    {
        var watchers = new EndpointWatchers(subscribers, writes);
        for (var c = 0; c < channels; c++)
        {
            watchers._channels.Add(GrpcChannel.ForAddress($"http://127.0.0.1:{port}"));
        }
        var initial = new CountdownEvent(subscribers);
        for (var s = 0; s < subscribers; s++)
        {
            var client = new ServiceManager.ServiceManagerClient(watchers._channels[s % channels]);
            var subscriber = s;
            watchers._readers.Add(Task.Run(() => watchers.ReadAsync(client, new WatchServiceEndpointsRequest { Namespace = ns, Name = name },
                subscriber, initial)));
        }
        var deadline = Stopwatch.StartNew();
        while (!await Task.Run(() => initial.Wait(TimeSpan.FromMilliseconds(100))))
        {
            if (watchers.Ended > 0 || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await watchers.DisposeAsync();
                throw new InvalidOperationException($"{initial.CurrentCount} of {subscribers} subscribers got no INITIAL set " +
                    $"({watchers.Ended} streams ended, {deadline.Elapsed.TotalSeconds:0} s)");
            }
        }
        return watchers;
    }

    private async Task ReadAsync(ServiceManager.ServiceManagerClient client, WatchServiceEndpointsRequest request, int subscriber,
        CountdownEvent initial)
    {
        var latest = -1;
        try
        {
            using var call = client.WatchServiceEndpoints(request, cancellationToken: _stop.Token);
            await foreach (var e in call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                var at = Stopwatch.GetTimestamp();
                if (e.Type == ServiceEndpointsEventType.Bookmark)
                {
                    continue;
                }
                if (e.Type == ServiceEndpointsEventType.Initial)
                {
                    initial.Signal();
                }
                // A set shows every write up to its marker (a newer one would stand for any it coalesced).
                var write = Math.Min(Write(e.Endpoints), _arrivals.Length - 1);
                for (var w = latest + 1; w <= write; w++)
                {
                    _receivedAt[subscriber][w] = at;
                    if (Interlocked.Increment(ref _arrivals[w]) == _receivedAt.Length)
                    {
                        _allArrived[w].TrySetResult();
                    }
                }
                latest = Math.Max(latest, write);
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
        }
        catch (RpcException e)
        {
            if (Interlocked.Increment(ref _ended) == 1)
            {
                Console.WriteLine($"a subscriber's stream ended: {e.Status}");
            }
        }
    }

    /// <summary>False when some subscriber has not received write <paramref name="write"/> within <paramref name="limit"/>.</summary>
    public async Task<bool> UntilAllHaveAsync(int write, TimeSpan limit)
    {
        try
        {
            await _allArrived[write].Task.WaitAsync(limit);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public int Missing(int write) => _receivedAt.Length - Volatile.Read(ref _arrivals[write]);

    /// <summary>When each subscriber received write <paramref name="write"/> (Stopwatch timestamps).</summary>
    public IEnumerable<long> ReceivedAt(int write) => _receivedAt.Select(r => Volatile.Read(ref r[write]));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
        _stop.Dispose();
    }
}
