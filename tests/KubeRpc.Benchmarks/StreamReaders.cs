using Grpc.Core;

namespace KubeRpc.Benchmarks;

/// <summary>
/// N concurrent server-streaming calls that only count what they receive, laid out on channels exactly as the
/// watch subscribers are (<see cref="StreamChannels"/>), so the bare stream and
/// KubeRpc are read the same way. A reader is ready once it has received its first <c>readyAfter</c> messages (the
/// initial events of a watch, or one message of a bare stream); counts after that are the delivered messages.
/// </summary>
internal sealed class StreamReaders : IAsyncDisposable
{
    // One slot per reader, a cache line apart, so counting does not bounce lines between the readers' cores.
    private const int Stride = 16;

    private readonly StreamChannels _channels;
    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly long[] _counts;
    private readonly int _readyAfter;
    private int _ended;

    private StreamReaders(int port, int count, int readyAfter)
    {
        _channels = new StreamChannels(port);
        _counts = new long[count * Stride];
        _readyAfter = readyAfter;
    }

    public int Count => _counts.Length / Stride;

    /// <summary>Streams that ended with an error other than our own cancellation (e.g. WATCH_TOO_SLOW), or ended at all.</summary>
    public int Ended => Volatile.Read(ref _ended);

    /// <summary>The status of the first stream that ended, for the report.</summary>
    public string? FirstEnd { get; private set; }

    public static async Task<StreamReaders> StartAsync<TRequest>(int port, int count, Method<TRequest, object> method,
        TRequest request, int readyAfter, TimeSpan readyLimit, Func<string>? diagnose = null)
        where TRequest : class
    {
        var readers = new StreamReaders(port, count, readyAfter);
        using var ready = new CountdownEvent(count);
        for (var i = 0; i < count; i++)
        {
            var invoker = readers._channels.For(i).CreateCallInvoker();
            var slot = i * Stride;
            readers._readers.Add(Task.Run(() => readers.ReadAsync(invoker, method, request, slot, ready)));
        }
        if (!await Task.Run(() => ready.Wait(readyLimit)))
        {
            var received = Enumerable.Range(0, count).Select(i => Volatile.Read(ref readers._counts[i * Stride])).ToList();
            // What the server holds while the streams are still open.
            var server = diagnose?.Invoke();
            await readers.DisposeAsync();
            throw new TimeoutException($"{ready.CurrentCount} of {count} streams not ready after {readyLimit.TotalSeconds:0} s: " +
                $"each had received {received.Min()} to {received.Max()} of the {readyAfter} messages that make it ready" +
                (server is null ? "" : $"; {server}"));
        }
        return readers;
    }

    /// <summary>Messages delivered so far over all readers, after their first <c>readyAfter</c>.</summary>
    public long Delivered()
    {
        long sum = 0;
        for (var i = 0; i < _counts.Length; i += Stride)
        {
            sum += Math.Max(0, Volatile.Read(ref _counts[i]) - _readyAfter);
        }
        return sum;
    }

    /// <summary>The fewest messages any one reader has had delivered.</summary>
    public long LeastDelivered()
    {
        var least = long.MaxValue;
        for (var i = 0; i < _counts.Length; i += Stride)
        {
            least = Math.Min(least, Volatile.Read(ref _counts[i]) - _readyAfter);
        }
        return least;
    }

    /// <summary>Waits until every reader has had <paramref name="messages"/> delivered, one ended, or the limit passed.</summary>
    public async Task<bool> UntilEachHasAsync(long messages, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (LeastDelivered() < messages && Ended == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        return LeastDelivered() >= messages;
    }

    private async Task ReadAsync<TRequest>(CallInvoker invoker, Method<TRequest, object> method, TRequest request, int slot,
        CountdownEvent ready)
        where TRequest : class
    {
        var signalled = false;
        try
        {
            using var call = invoker.AsyncServerStreamingCall(method, null, new CallOptions(cancellationToken: _stop.Token), request);
            var stream = call.ResponseStream;
            while (await stream.MoveNext(_stop.Token))
            {
                // Single writer per slot; Delivered() reads it with Volatile.Read.
                var n = ++_counts[slot];
                if (!signalled && n >= _readyAfter)
                {
                    signalled = true;
                    ready.Signal();
                }
            }
            RecordEnd("stream completed");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && _stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (RpcException e)
        {
            RecordEnd($"{e.StatusCode}: {e.Status.Detail}");
        }
        finally
        {
            if (!signalled)
            {
                ready.Signal();
            }
        }
    }

    private void RecordEnd(string why)
    {
        if (Interlocked.Increment(ref _ended) == 1)
        {
            FirstEnd = why;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        _channels.Dispose();
        _stop.Dispose();
    }
}
