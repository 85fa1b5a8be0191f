using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Faults;

/// <summary>
/// Faults for reliability tests, off unless asked for: end every open watch, answer the next watches with
/// 410 Expired, fail the next requests with 429/500/503 (all of them, or only those of one verb or resource, say
/// only LISTs), add latency to every request, restart the API server (<see cref="RestartApiServer"/>).
/// </summary>
public sealed class FaultInjector : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Action _compactHistory;
    private CancellationTokenSource _watches = new();
    private readonly Dictionary<(string Verb, string Resource), FailureRule> _failures = [];
    private int _expireWatches;
    private long _latencyTicks;

    /// <param name="compactHistory">Drops every resource's change history (the store's).</param>
    internal FaultInjector(Action compactHistory) => _compactHistory = compactHistory;

    /// <summary>Cancelled when <see cref="EndAllWatches"/> is called; each watch links to the token current at its start.</summary>
    public CancellationToken WatchesToken
    {
        get { lock (_lock) { return _watches.Token; } }
    }

    /// <summary>Whether any request failure is armed (a request is judged only then).</summary>
    internal bool HasFailuresArmed
    {
        get { lock (_lock) { return _failures.Count > 0; } }
    }

    /// <summary>Added to every API request before it is handled.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Closes every open watch stream, as an API server restart or a load balancer would.</summary>
    public void EndAllWatches()
    {
        CancellationTokenSource old;
        lock (_lock)
        {
            old = _watches;
            _watches = new CancellationTokenSource();
        }
        old.Cancel();
        old.Dispose();
    }

    /// <summary>
    /// As kube-apiserver restarting over an etcd compacted to now: its watch cache starts afresh, so every open watch
    /// ends and a watch, or a paged list's continue, from any version before the restart gets 410 Expired. The objects
    /// and the resourceVersion counter stay.
    /// </summary>
    public void RestartApiServer()
    {
        _compactHistory();
        EndAllWatches();
    }

    /// <summary>The next <paramref name="count"/> watch requests get a single ERROR 410 Expired event, then close.</summary>
    public void ExpireNextWatches(int count = 1) => Interlocked.Exchange(ref _expireWatches, count);

    /// <summary>
    /// The next <paramref name="count"/> requests fail with 429, 500 or 503 (429 and 503 carry Retry-After): every
    /// request, or only those of <paramref name="verb"/> (kube-apiserver's verbs: <c>get</c>, <c>list</c>, <c>watch</c>,
    /// <c>create</c>, <c>update</c>, <c>patch</c>, <c>delete</c>, <c>deletecollection</c>) and/or <paramref name="resource"/>
    /// (e.g. <c>services</c>). A call replaces what was armed for the same verb and resource; the most specific rule
    /// that matches a request is the one it consumes.
    /// </summary>
    public void FailNextRequests(int count, int statusCode, int retryAfterSeconds = 1, string? verb = null, string? resource = null)
    {
        if (statusCode is not (429 or 500 or 503))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "only 429, 500 and 503 can be injected");
        }
        lock (_lock)
        {
            _failures[(verb ?? Any, resource ?? Any)] = new FailureRule(count, statusCode, retryAfterSeconds);
        }
    }

    /// <summary>Turns every fault off.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _failures.Clear();
            _expireWatches = 0;
        }
        Latency = TimeSpan.Zero;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _watches.Dispose();
        }
    }

    internal bool TakeWatchExpiry()
    {
        while (true)
        {
            var n = Volatile.Read(ref _expireWatches);
            if (n <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _expireWatches, n - 1, n) == n)
            {
                return true;
            }
        }
    }

    /// <summary>The injected failure for a request of <paramref name="verb"/> on <paramref name="resource"/>, if one is armed.</summary>
    internal ApiException? TakeFailure(string verb, string resource)
    {
        lock (_lock)
        {
            if (_failures.Count == 0)
            {
                return null;
            }
            foreach (var key in new[] { (verb, resource), (verb, Any), (Any, resource), (Any, Any) })
            {
                if (_failures.TryGetValue(key, out var rule) && rule.Remaining > 0)
                {
                    rule.Remaining--;
                    return Failure(rule.Code, rule.RetryAfterSeconds);
                }
            }
            return null;
        }
    }

    private static ApiException Failure(int code, int retry) => code switch
    {
        429 => new ApiException(429, "TooManyRequests", "Too many requests, please try again later.",
            new StatusDetailsInfo(null, null, null, null, null, retry)) { Headers = RetryAfter(retry) },
        503 => new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request",
            new StatusDetailsInfo(null, null, null, null, null, retry)) { Headers = RetryAfter(retry) },
        _ => new ApiException(500, "InternalError", "Internal error occurred: injected fault",
            new StatusDetailsInfo(null, null, null, null, [new StatusCauseInfo("", "injected fault", null)])),
    };

    private static Dictionary<string, string> RetryAfter(int seconds) =>
        new() { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private const string Any = "*";

    private sealed class FailureRule(int count, int code, int retryAfterSeconds)
    {
        public int Remaining { get; set; } = count;

        public int Code { get; } = code;

        public int RetryAfterSeconds { get; } = retryAfterSeconds;
    }
}
