namespace KubeRpc.Server.Access;

/// <summary>Why an open stream's caller lost access.</summary>
public enum AccessLoss
{
    None,

    /// <summary>The cluster no longer authorizes the caller (a binding or role changed).</summary>
    PermissionDenied,

    /// <summary>The caller's credential expired, or the cluster no longer authenticates it (a deleted service account).</summary>
    Unauthenticated,
}

/// <summary>
/// The access an open stream was granted, re-checked by <see cref="StreamAccessMonitor"/> for as long as the stream is
/// open; <see cref="Revoked"/> fires once the caller has lost it.
/// </summary>
internal sealed class StreamAccess : IDisposable
{
    private readonly CancellationTokenSource _revoked = new();
    private readonly Action<StreamAccess> _close;
    private int _loss;

    internal StreamAccess(Caller caller, IReadOnlyList<AccessRequest> requests, Func<CancellationToken, Task<Caller?>>? reauthenticate,
        Action<StreamAccess> close)
    {
        (Caller, Requests, Reauthenticate, _close) = (caller, requests, reauthenticate, close);
    }

    public Caller Caller { get; internal set; }

    /// <summary>The stream's own request (what it watches).</summary>
    public AccessRequest Request => Requests[0];

    /// <summary>Everything the stream was allowed for: its own request first, then what else it reads.</summary>
    public IReadOnlyList<AccessRequest> Requests { get; }

    /// <summary>Authenticates the caller's credential again; null when it has nothing to present again (a certificate).</summary>
    internal Func<CancellationToken, Task<Caller?>>? Reauthenticate { get; }

    internal ITimer? ExpiryTimer { get; set; }

    /// <summary>Cancelled once the caller lost access; see <see cref="Loss"/> for why.</summary>
    public CancellationToken Revoked => _revoked.Token;

    public AccessLoss Loss => (AccessLoss)Volatile.Read(ref _loss);

    /// <summary>Records the loss (the first one counts) and fires <see cref="Revoked"/>; false when already revoked.</summary>
    internal bool Revoke(AccessLoss loss)
    {
        if (Interlocked.CompareExchange(ref _loss, (int)loss, (int)AccessLoss.None) != (int)AccessLoss.None)
        {
            return false;
        }
        // Asynchronously: the stream's handler must not run on the monitor's (or a timer's) thread.
        _ = _revoked.CancelAsync();
        return true;
    }

    /// <summary>
    /// Stops watching over the stream. The token source is left undisposed: a recheck or the expiry timer may be revoking
    /// at this very moment, and a source without timers or wait handles holds nothing to free.
    /// </summary>
    public void Dispose()
    {
        ExpiryTimer?.Dispose();
        _close(this);
    }
}
