namespace KubeRpc.Server.Access;

/// <summary>
/// Tells who depends on RBAC that it changed: any Role, ClusterRole, RoleBinding or ClusterRoleBinding was added,
/// changed or deleted, or a watch on them was lost (and so anything may have changed).
/// </summary>
internal sealed class RbacChanges
{
    private long _generation;
    private int _watchedKinds;

    /// <summary>How many kinds have a watch open; decisions may be remembered only while all four do.</summary>
    public const int Kinds = 4;

    /// <summary>Grows with every change, so a decision started before one is not remembered after it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>True while every RBAC kind is watched, so no change can go unnoticed.</summary>
    public bool Watching => Volatile.Read(ref _watchedKinds) == Kinds;

    /// <summary>Raised after every change, on the watcher's thread; handlers must not block.</summary>
    public event Action? Changed;

    public void Notify()
    {
        Interlocked.Increment(ref _generation);
        Changed?.Invoke();
    }

    public void WatchOpened() => Interlocked.Increment(ref _watchedKinds);

    public void WatchLost() => Interlocked.Decrement(ref _watchedKinds);
}
