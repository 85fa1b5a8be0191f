using System.Collections.Concurrent;
using Grpc.Core;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching.Stress;

/// <summary>
/// A client that rebuilds state from KubeRpc as a client-go informer does: list, then watch from the list's version;
/// resume from the last version after any error; on OUT_OF_RANGE, list again. It also drops and resumes its stream
/// now and then, and stalls. It records what would betray a lost, doubled or reordered event.
/// </summary>
internal sealed class StressSubscriber(ServiceManager.ServiceManagerClient client, int seed, string name)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, Service> _state = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _history = new();
    private string? _resourceVersion;
    private volatile bool _calm;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    /// <summary>Lists after the first (each one because the server answered OUT_OF_RANGE).</summary>
    public int Relists { get; private set; }

    public List<string> Violations { get; } = [];

    /// <summary>The last lines of what this subscriber did, for a failure report.</summary>
    public IEnumerable<string> History => _history;

    /// <summary>Stops dropping and stalling (the convergence phase).</summary>
    public void Calm() => _calm = true;

    /// <summary>The state as keys and versions, read between events.</summary>
    public Dictionary<string, string> Snapshot()
    {
        lock (_state)
        {
            return _state.ToDictionary(s => s.Key, s => s.Value.Metadata.ResourceVersion, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds for the <see cref="Snapshot"/>, looking again after each change of the
    /// state; false once <paramref name="giveUp"/> is cancelled first.
    /// </summary>
    public async Task<bool> UntilAsync(Func<Dictionary<string, string>, bool> done, CancellationToken giveUp)
    {
        while (true)
        {
            // Taken before looking, so a change between the look and the wait still wakes us.
            var changed = Volatile.Read(ref _changed).Task;
            if (done(Snapshot()))
            {
                return true;
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
        var lists = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion is null)
                {
                    await ListAsync(stop);
                    if (lists++ > 0)
                    {
                        Relists++;
                    }
                }
                await WatchAsync(stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange)
            {
                Record($"OUT_OF_RANGE at {_resourceVersion}: {e.Status.Detail}");
                _resourceVersion = null;
            }
            catch (RpcException e)
            {
                // The API server's own 500s (injected) come back as INTERNAL naming its code; any other INTERNAL,
                // UNKNOWN or INVALID_ARGUMENT is KubeRpc's fault.
                var upstream = e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata.GetValueOrDefault("kubernetes_code") is "500";
                // The client's own transport failing a read (a stream reset under the in-memory test server surfaces so,
                // where a socket gives CANCELLED) is INTERNAL without any status from KubeRpc, which always sends details.
                var transport = e.Status.DebugException is not null && e.GetRpcStatus() is null;
                if (e.StatusCode is StatusCode.Unknown or StatusCode.InvalidArgument || (e.StatusCode == StatusCode.Internal && !upstream && !transport))
                {
                    Violations.Add($"{Name}: {e.StatusCode} {e.Status.Detail}");
                }
                Record($"{e.StatusCode} at {_resourceVersion}; resuming");
                await Task.Delay(_random.Next(10, 100), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Dropped on purpose: resume from the last version.
            }
        }
    }

    private async Task ListAsync(CancellationToken stop)
    {
        // In small pages, as a client that lists a large collection does; every page reports the listing's version.
        var items = new List<Service>();
        var token = "";
        string? version = null;
        do
        {
            var page = await client.ListServicesAsync(new ListServicesRequest { PageSize = _random.Next(3, 8), PageToken = token },
                cancellationToken: stop);
            items.AddRange(page.Services);
            token = page.NextPageToken;
            if (version is not null && page.ResourceVersion != version)
            {
                Violations.Add($"{Name}: a listing's pages reported versions {version} and {page.ResourceVersion}");
            }
            version = page.ResourceVersion;
        }
        while (token.Length > 0);
        lock (_state)
        {
            _state.Clear();
            foreach (var service in items)
            {
                _state[Key(service)] = service;
            }
        }
        Changed();
        _resourceVersion = version;
        Record($"listed {items.Count} at {version}");
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        using var drop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (!_calm)
        {
            drop.CancelAfter(_random.Next(200, 900));
        }
        using var call = client.WatchServices(new WatchServicesRequest { ResourceVersion = _resourceVersion, AllowBookmarks = true },
            cancellationToken: drop.Token);
        while (await call.ResponseStream.MoveNext(drop.Token))
        {
            Apply(call.ResponseStream.Current);
            if (!_calm && _random.Next(200) == 0)
            {
                // Stall: read nothing for a while, as a busy client does.
                await Task.Delay(_random.Next(100, 1500), stop);
            }
        }
    }

    private void Apply(ServiceEvent e)
    {
        lock (_state)
        {
            if (e.Type != EventType.Bookmark)
            {
                var key = Key(e.Service);
                var held = _state.TryGetValue(key, out var previous);
                var version = long.Parse(e.Service.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
                if (held && version < long.Parse(previous!.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture))
                {
                    Violations.Add($"{Name}: {key} went back from {previous.Metadata.ResourceVersion} to {version} ({e.Type} at {e.ResourceVersion})");
                }
                switch (e.Type)
                {
                    case EventType.Added when held:
                        Violations.Add($"{Name}: ADDED {key} it already holds (at {e.ResourceVersion})");
                        break;
                    case EventType.Modified or EventType.Deleted when !held:
                        Violations.Add($"{Name}: {e.Type} {key} it does not hold (at {e.ResourceVersion})");
                        break;
                }
                if (e.Type == EventType.Deleted)
                {
                    _state.Remove(key);
                }
                else
                {
                    _state[key] = e.Service;
                }
                Record($"{e.Type} {key}@{e.Service.Metadata.ResourceVersion} rv {e.ResourceVersion}");
            }
            _resourceVersion = e.ResourceVersion;
        }
        Changed();
    }

    private void Changed() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void Record(string line)
    {
        _history.Enqueue(line);
        while (_history.Count > 200 && _history.TryDequeue(out _))
        {
        }
    }

    private static string Key(Service s) => $"{s.Metadata.Namespace}/{s.Metadata.Name}";
}
