using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Access;

/// <summary>
/// Keeps the access of every open stream true: each is authorized again whenever RBAC changes, authenticated and
/// authorized again every <see cref="AuthOptions.RecheckInterval"/>, and revoked at its credential's expiry. A stream
/// whose caller lost access is revoked (<see cref="StreamAccess.Revoked"/>), and its handler ends it.
/// </summary>
/// <remarks>
/// Rechecks run one pass at a time; a change during a pass makes another pass follow, so a pass that read RBAC just
/// before a change never has the last word. A review that fails (the API server unreachable) leaves the stream open
/// until the next change or interval: ending every stream on a blip would send every client back at once.
/// </remarks>
internal sealed class StreamAccessMonitor : IHostedService, IDisposable
{
    private const int MaxParallelReviews = 8;

    private readonly AccessReviewer _reviewer;
    private readonly RbacChanges _rbac;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<StreamAccess, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _interval;
    private int _pending;     // 0 idle, 1 a pass runs, 2 a pass runs and another is due
    private int _reauthenticate;

    public StreamAccessMonitor(AccessReviewer reviewer, RbacChanges rbac, IOptions<AuthOptions> options, TimeProvider time,
        ILogger<StreamAccessMonitor> logger)
    {
        (_reviewer, _rbac, _options, _time, _logger) = (reviewer, rbac, options.Value, time, logger);
        rbac.Changed += OnRbacChanged;
    }

    /// <summary>Streams being watched over.</summary>
    public int Open => _open.Count;

    /// <summary>Watches over a stream's access from now until it is disposed. Register before authorizing, so no change is missed.</summary>
    public StreamAccess Watch(Caller caller, IReadOnlyList<AccessRequest> requests, Func<CancellationToken, Task<Caller?>>? reauthenticate)
    {
        var access = new StreamAccess(caller, requests, reauthenticate, a => _open.TryRemove(a, out _));
        _open[access] = 0;
        if (caller.Expires is { } expires)
        {
            var due = expires - _time.GetUtcNow();
            access.ExpiryTimer = _time.CreateTimer(state => Revoke((StreamAccess)state!, AccessLoss.Unauthenticated, _logger),
                access, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        return access;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _interval = _time.CreateTimer(static state => ((StreamAccessMonitor)state!).Schedule(reauthenticate: true), this,
            _options.RecheckInterval, _options.RecheckInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_interval is not null)
        {
            await _interval.DisposeAsync();
        }
        await _stopping.CancelAsync();
    }

    public void Dispose()
    {
        _rbac.Changed -= OnRbacChanged;
        _interval?.Dispose();
        _stopping.Dispose();
    }

    private void OnRbacChanged() => Schedule(reauthenticate: false);

    private void Schedule(bool reauthenticate)
    {
        if (reauthenticate)
        {
            Volatile.Write(ref _reauthenticate, 1);
        }
        // 0 → 1 starts a pass; 1 → 2 asks the running pass for another; 2 stays 2.
        while (true)
        {
            var state = Volatile.Read(ref _pending);
            if (state == 2 || Interlocked.CompareExchange(ref _pending, state + 1, state) == state)
            {
                if (state == 0)
                {
                    _ = Task.Run(RunPassesAsync);
                }
                return;
            }
        }
    }

    private async Task RunPassesAsync()
    {
        do
        {
            Volatile.Write(ref _pending, 1);
            var reauthenticate = Interlocked.Exchange(ref _reauthenticate, 0) == 1;
            try
            {
                await Parallel.ForEachAsync(_open.Keys.Where(a => a.Loss == AccessLoss.None),
                    new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReviews, CancellationToken = _stopping.Token },
                    (access, ct) => new ValueTask(RecheckAsync(access, reauthenticate, ct)));
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _pending, 0, 1) != 1);
    }

    private async Task RecheckAsync(StreamAccess access, bool reauthenticate, CancellationToken cancellationToken)
    {
        try
        {
            if (reauthenticate && access.Reauthenticate is { } authenticate)
            {
                if (await authenticate(cancellationToken) is not { } caller)
                {
                    Revoke(access, AccessLoss.Unauthenticated, _logger);
                    return;
                }
                access.Caller = caller;
            }
            foreach (var request in access.Requests)
            {
                if (!(await _reviewer.ReviewAsync(access.Caller, request, cancellationToken)).Allowed)
                {
                    Revoke(access, AccessLoss.PermissionDenied, _logger);
                    return;
                }
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            AccessLog.StreamRecheckFailed(_logger, access.Request.GroupResource, access.Caller.User, e.GetType().Name);
        }
    }

    private static void Revoke(StreamAccess access, AccessLoss loss, ILogger logger)
    {
        if (access.Revoke(loss))
        {
            AccessLog.StreamAccessRevoked(logger, access.Request.GroupResource, access.Caller.User, loss);
        }
    }
}
