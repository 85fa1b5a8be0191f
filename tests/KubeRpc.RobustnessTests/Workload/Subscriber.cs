using System.Globalization;
using Grpc.Core;
using KubeRpc.RobustnessTests.Cluster;
using KubeRpc.RobustnessTests.History;
using KubeRpc.V1;

namespace KubeRpc.RobustnessTests.Workload;

/// <summary>
/// A client that rebuilds the namespace's Services as a client-go informer does (list in pages, watch from the list's
/// version, resume from the last version after any end, list again on OUT_OF_RANGE or when cut inside a relist's batch),
/// on either replica: each list and each resume picks one. While not calm it drops its stream now and then, and stalls
/// (sometimes for seconds). Records every step.
/// </summary>
/// <param name="tier">Lists and watches only <c>tier=&lt;tier&gt;</c> (selector transitions); null: every Service.</param>
internal sealed class Subscriber(string name, IReadOnlyList<Replica> replicas, int home, int seed, string? tier = null)
{
    private readonly Random _random = new(seed);
    private readonly List<SubscriberStep> _steps = [];
    private readonly Dictionary<string, long> _state = new(StringComparer.Ordinal);
    private long? _resourceVersion;
    private bool _inRelistBatch; // the last event was marked relist_batch: what it holds is no version's state
    private volatile bool _calm;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    /// <summary>The tier this subscriber sees, or null for all.</summary>
    public string? Tier => tier;

    private string Selector => tier is null ? "" : $"tier={tier}";

    /// <summary>Stops dropping, stalling and switching replicas (the convergence phase).</summary>
    public void Calm() => _calm = true;

    public SubscriberRecord Record()
    {
        lock (_steps)
        {
            return new SubscriberRecord(Name, [.. _steps], new Dictionary<string, long>(_state, StringComparer.Ordinal), tier);
        }
    }

    /// <summary>Waits until the state is <paramref name="expected"/>; false once <paramref name="giveUp"/> is cancelled.</summary>
    public async Task<bool> UntilAsync(IReadOnlyDictionary<string, long> expected, CancellationToken giveUp)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task; // taken before looking, so a change in between still wakes us
            lock (_steps)
            {
                if (Checking.HistoryChecker.Same(_state, expected))
                {
                    return true;
                }
            }
            try
            {
                await changed.WaitAsync(giveUp);
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var replica = Pick();
            if (_inRelistBatch)
            {
                _resourceVersion = null;
            }
            try
            {
                if (_resourceVersion is null)
                {
                    await ListAsync(replica, stop);
                }
                await WatchAsync(replica, stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange)
            {
                _resourceVersion = null;
            }
            catch (RpcException)
            {
                // A failed list or a stream's end (recorded by WatchAsync): resume.
                await Task.Delay(_random.Next(10, 100), CancellationToken.None);
            }
        }
    }

    private Replica Pick() => _calm || _random.Next(10) < 7 ? replicas[home] : replicas[_random.Next(replicas.Count)];

    private async Task ListAsync(Replica replica, CancellationToken stop)
    {
        var items = new Dictionary<string, long>(StringComparer.Ordinal);
        var token = "";
        long? version = null;
        do
        {
            var page = await replica.Services.ListServicesAsync(new ListServicesRequest
            {
                Namespace = SharedApiServer.Namespace,
                PageSize = _random.Next(3, 8),
                LabelSelector = Selector,
                PageToken = token,
            }, cancellationToken: stop);
            foreach (var service in page.Services)
            {
                items[Key(service)] = Rv(service.Metadata.ResourceVersion);
            }
            token = page.NextPageToken;
            version = Rv(page.ResourceVersion);
        }
        while (token.Length > 0);
        _inRelistBatch = false;
        Step(new Listed(replica.Name, version.Value, items), () =>
        {
            _state.Clear();
            foreach (var (key, rv) in items)
            {
                _state[key] = rv;
            }
        });
        _resourceVersion = version;
    }

    private async Task WatchAsync(Replica replica, CancellationToken stop)
    {
        using var drop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (!_calm)
        {
            drop.CancelAfter(_random.Next(300, 3000));
        }
        var generation = replica.Generation;
        Step(new Opened(replica.Name, _resourceVersion!.Value));
        try
        {
            using var call = replica.Services.WatchServices(new WatchServicesRequest
            {
                Namespace = SharedApiServer.Namespace,
                ResourceVersion = _resourceVersion.Value.ToString(CultureInfo.InvariantCulture),
                AllowBookmarks = true,
                LabelSelector = Selector,
            }, cancellationToken: drop.Token);
            while (await call.ResponseStream.MoveNext(drop.Token))
            {
                Apply(call.ResponseStream.Current);
                if (!_calm && _inRelistBatch && _random.Next(4) == 0)
                {
                    // Cut inside a relist's batch: batches last milliseconds, so random drops alone rarely land there.
                    await drop.CancelAsync();
                }
                if (!_calm && _random.Next(300) == 0)
                {
                    // Stall: read nothing for a while, as a busy client does; now and then long enough to be ended as too slow.
                    await Task.Delay(_random.Next(8) == 0 ? _random.Next(4000, 7000) : _random.Next(100, 1500), stop);
                }
            }
            Step(new Ended(false, "OK", null));
        }
        catch (RpcException e) when (drop.IsCancellationRequested)
        {
            // Dropped by this client. Grpc.Net.Client usually says CANCELLED, but a read already under way when the
            // call is cancelled can fail first with the aborted request (UNAVAILABLE "The request was aborted").
            Step(new Ended(true, "Cancelled", null, e.StatusCode == StatusCode.Cancelled ? null : $"{e.StatusCode}: {e.Status.Detail}"));
            if (stop.IsCancellationRequested)
            {
                throw;
            }
        }
        catch (OperationCanceledException) when (drop.IsCancellationRequested)
        {
            Step(new Ended(true, "Cancelled", null));
            if (stop.IsCancellationRequested)
            {
                throw;
            }
        }
        catch (RpcException e)
        {
            var reason = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;
            var restarted = generation % 2 == 1 || replica.Generation != generation;
            Step(new Ended(false, e.StatusCode.ToString(), reason, e.Status.Detail, restarted));
            throw;
        }
    }

    private void Apply(ServiceEvent e)
    {
        var eventRv = Rv(e.ResourceVersion);
        if (e.Type == EventType.Bookmark)
        {
            Step(new Received("BOOKMARK", "", 0, eventRv, e.RelistBatch));
        }
        else
        {
            var key = Key(e.Service);
            var rv = Rv(e.Service.Metadata.ResourceVersion);
            Step(new Received(e.Type.ToString().ToUpperInvariant(), key, rv, eventRv, e.RelistBatch), () =>
            {
                if (e.Type == EventType.Deleted)
                {
                    _state.Remove(key);
                }
                else
                {
                    _state[key] = rv;
                }
            });
        }
        _resourceVersion = eventRv;
        _inRelistBatch = e.RelistBatch;
    }

    private void Step(SubscriberStep step, Action? apply = null)
    {
        lock (_steps)
        {
            _steps.Add(step);
            apply?.Invoke();
        }
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    internal static string Key(Service s) => $"{s.Metadata.Namespace}/{s.Metadata.Name}";

    internal static long Rv(string rv) => long.Parse(rv, CultureInfo.InvariantCulture);
}
