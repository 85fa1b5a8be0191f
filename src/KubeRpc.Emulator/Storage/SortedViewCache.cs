namespace KubeRpc.Emulator.Storage;

/// <summary>
/// The few <see cref="SortedView"/>s of one resource that paged LISTs are walking, keyed by the list's snapshot
/// resourceVersion (what its continue tokens carry), newest use first.
/// </summary>
/// <remarks>
/// A walk builds its view once (O(n)) on its first page and finds it again on every later page. The cache is
/// bounded, so memory stays at a few arrays of references however many snapshots are listed; a walk whose view
/// was evicted by others simply builds it again. Views hold immutable data, so a stale one is never wrong: a
/// resourceVersion names one snapshot for as long as it can be listed at all.
/// </remarks>
internal sealed class SortedViewCache
{
    /// <summary>Concurrent paged walks of different snapshots that are served without rebuilding.</summary>
    public const int Capacity = 4;

    private readonly Lock _lock = new();
    private readonly List<(long ResourceVersion, SortedView View)> _entries = new(Capacity);

    /// <summary>The view of the snapshot at <paramref name="resourceVersion"/>, built from <paramref name="snapshot"/> if not held.</summary>
    public SortedView GetOrAdd(long resourceVersion, Func<SortedView> snapshot)
    {
        lock (_lock)
        {
            var index = _entries.FindIndex(e => e.ResourceVersion == resourceVersion);
            if (index >= 0)
            {
                var hit = _entries[index];
                _entries.RemoveAt(index);
                _entries.Insert(0, hit);
                return hit.View;
            }
        }
        // Built outside the lock: other walks need not wait for an O(n) copy. Two walks racing on one version
        // both build; the later insert wins and both views are equal.
        var view = snapshot();
        lock (_lock)
        {
            _entries.RemoveAll(e => e.ResourceVersion == resourceVersion);
            _entries.Insert(0, (resourceVersion, view));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(_entries.Count - 1);
            }
        }
        return view;
    }
}
