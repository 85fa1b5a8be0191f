using System.Diagnostics;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Caching;

/// <summary>
/// client-go's Reflector: a paged LIST, then a WATCH from the list's resourceVersion, resumed from the last
/// version seen whenever it ends, and a new LIST only when that version has expired (410).
/// </summary>
/// <remarks>
/// <para>Every watch asks for bookmarks and carries a server-side timeout (KubernetesClient never times a watch
/// out itself); a watchdog restarts a watch that stays silent longer than the stall timeout.</para>
/// <para>Failures back off exponentially (<see cref="ReflectorBackoff"/>); a 429/503 Retry-After is honoured.
/// <see cref="RunAsync"/> never throws: it only returns when its token is cancelled.</para>
/// </remarks>
internal sealed class Reflector<TModel> where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListerWatcher<TModel> _source;
    private readonly IReflectorSink<TModel> _sink;
    private readonly InformerOptions _options;
    private readonly InformerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ReflectorBackoff _backoff;
    private long _resourceVersion;
    private bool _listed;

    public Reflector(IListerWatcher<TModel> source, IReflectorSink<TModel> sink, InformerOptions options, InformerMetrics metrics,
        TimeProvider time, ILogger logger, string name)
    {
        _source = source;
        _sink = sink;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _backoff = new ReflectorBackoff(options, time);
        Name = name;
    }

    /// <summary>For logs: kind and scope.</summary>
    public string Name { get; }

    /// <summary>The last resourceVersion seen from a list, event or bookmark; 0 while a relist is due.</summary>
    public long LastSyncResourceVersion => Interlocked.Read(ref _resourceVersion);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = LastSyncResourceVersion == 0 ? await ListAsync(cancellationToken) : await WatchAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Not expected (ListAsync and WatchAsync classify their failures); keep the loop alive regardless.
                delay = _backoff.Next();
                CachingLog.Failed(_logger, e, Name, "reflector", (long)delay.TotalMilliseconds);
            }
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A full paged list into the sink; returns the delay before the next step.</summary>
    /// <remarks>
    /// The next page is requested as soon as a page's continue token is known, so fetching and decoding it
    /// overlaps with projecting the current one (the sink's work); pages still enter the sink one after another,
    /// in order. At most one page is in flight beside the one being projected.
    /// </remarks>
    private async Task<TimeSpan> ListAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var relist = _sink.BeginRelist();
        var count = 0;
        string? listVersion = null;
        // Cancels a page still in flight when the list ends early (a failed page, a failed projection).
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ModelPage<TModel>>? next = null;
        try
        {
            next = FetchAsync(null, abandon.Token);
            while (next is not null)
            {
                var page = await next;
                // Every page of a paged list is cut from the snapshot of the first.
                listVersion ??= page.ResourceVersion;
                next = string.IsNullOrEmpty(page.Continue) ? null : FetchAsync(page.Continue, abandon.Token);
                foreach (var item in page.Items)
                {
                    relist.Add(item);
                    count++;
                }
            }
            var rv = ResourceVersions.Parse(listVersion);
            relist.Commit(rv);
            _metrics.ListCompleted(initial: !_listed);
            _listed = true;
            Interlocked.Exchange(ref _resourceVersion, rv);
            var elapsed = Stopwatch.GetElapsedTime(started);
            CachingLog.Listed(_logger, Name, count, rv, (long)elapsed.TotalMilliseconds);
            return TimeSpan.Zero;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.ListFailed();
            // Nothing of a failed list is kept; the next attempt starts from the first page (a continue token
            // that outlived the history fails with 410 and is handled the same way).
            var delay = _backoff.Next(WatchFailures.RetryAfter(e));
            CachingLog.Failed(_logger, e, Name, "list", (long)delay.TotalMilliseconds);
            return delay;
        }
        finally
        {
            if (next is not null)
            {
                await abandon.CancelAsync();
                // Its outcome no longer matters, but it must end before the next attempt lists again.
                await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Requests one page on the thread pool, so the caller can project the previous page meanwhile.</summary>
    private Task<ModelPage<TModel>> FetchAsync(string? continueToken, CancellationToken cancellationToken) =>
        Task.Run(() => _source.ListAsync(_options.PageSize, continueToken, cancellationToken), cancellationToken);

    /// <summary>One watch from the last version; returns the delay before the next step.</summary>
    private async Task<TimeSpan> WatchAsync(CancellationToken cancellationToken)
    {
        var from = LastSyncResourceVersion;
        var timeout = (int)Math.Ceiling(_options.MinWatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        using var watchdog = new CancellationTokenSource(_options.StallTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watchdog.Token);
        var started = _time.GetTimestamp();
        long events = 0;
        WatchRestartCause cause;
        Exception? error = null;
        try
        {
            var stream = _source.WatchAsync(ResourceVersions.Format(from), timeout,
                static e => throw e, linked.Token);
            await foreach (var (type, item) in stream.WithCancellation(linked.Token))
            {
                watchdog.CancelAfter(_options.StallTimeout);
                events++;
                _metrics.EventReceived(_time.GetUtcNow());
                Handle(type, item);
            }
            // The server ends a watch at its timeout; one that ends having sent nothing at all was quiet throughout.
            cause = events == 0 ? WatchRestartCause.QuietClose : WatchRestartCause.Closed;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e)
        {
            cause = watchdog.IsCancellationRequested ? WatchRestartCause.Stalled : WatchFailures.Classify(e);
            error = e;
        }

        var unproductive = events == 0 && _time.GetElapsedTime(started) < _options.MinHealthyWatch;
        var delay = cause == WatchRestartCause.Error || unproductive ? _backoff.Next(WatchFailures.RetryAfter(error)) : TimeSpan.Zero;
        switch (cause)
        {
            case WatchRestartCause.Expired:
                CachingLog.Expired(_logger, Name, LastSyncResourceVersion);
                Interlocked.Exchange(ref _resourceVersion, 0);
                break;
            case WatchRestartCause.Stalled:
                CachingLog.Stalled(_logger, Name, _options.StallTimeout.TotalSeconds, LastSyncResourceVersion);
                break;
            case WatchRestartCause.Error:
                CachingLog.Failed(_logger, error!, Name, "watch", (long)delay.TotalMilliseconds);
                break;
        }
        CachingLog.WatchRestarted(_logger, Name, cause, LastSyncResourceVersion, events, (long)delay.TotalMilliseconds);
        _metrics.Restarted(cause);
        return delay;
    }

    private void Handle(WatchEventType type, TModel item)
    {
        switch (type)
        {
            case WatchEventType.Bookmark:
                // A bookmark carries only metadata.resourceVersion: it advances the version, never the cache content.
                var rv = ResourceVersions.Parse(item.Metadata?.ResourceVersion);
                _sink.OnBookmark(rv);
                Advance(rv);
                break;
            case WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted:
                _sink.OnEvent(type, item);
                Advance(ResourceVersions.Parse(item.Metadata?.ResourceVersion));
                break;
            default:
                throw new InvalidOperationException($"unexpected watch event {type}");
        }
    }

    private void Advance(long rv)
    {
        if (rv > LastSyncResourceVersion)
        {
            Interlocked.Exchange(ref _resourceVersion, rv);
        }
    }
}
