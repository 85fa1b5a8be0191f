using System.Collections.Immutable;

namespace KubeRpc.Emulator.Storage;

/// <summary>
/// The state and history of one resource: the current objects (an immutable sorted map, so a reader never
/// sees a half-applied change) and the log of recent changes. Appends happen under the store's write lock;
/// reads take no lock.
/// </summary>
/// <remarks>
/// History keeps every event that is among the newest <see cref="HistoryOptions.MinEvents"/> or younger than
/// <see cref="HistoryOptions.MinAge"/>, capped at <see cref="HistoryOptions.MaxEvents"/>. A resume or snapshot
/// older than that is answered with 410 Expired, as kube-apiserver's watch cache does.
/// </remarks>
internal sealed class ResourceLog
{
    private readonly HistoryOptions _options;
    private volatile HistoryNode _floor;
    private volatile HistoryNode _tail;
    private int _count;

    public ResourceLog(long resourceVersion, HistoryOptions options)
    {
        _options = options;
        _floor = _tail = new HistoryNode(null, resourceVersion,
            ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal));
    }

    /// <summary>The newest node: its Items are the current state.</summary>
    public HistoryNode Tail => _tail;

    public ImmutableSortedDictionary<string, StoredObject> Items => _tail.Items;

    /// <summary>Versions at or above this one can be resumed from; below it history is gone.</summary>
    public long FloorResourceVersion => _floor.ResourceVersion;

    public int Count => _count;

    /// <summary>Key-ordered views of the snapshots that paged lists are walking.</summary>
    public SortedViewCache Views { get; } = new();

    /// <summary>Appends a change (caller holds the store's write lock).</summary>
    public void Append(StoreEvent e, ImmutableSortedDictionary<string, StoredObject> items)
    {
        var node = new HistoryNode(e, e.ResourceVersion, items);
        _tail.Link(node);
        _tail = node;
        _count++;
        Trim(e.Time);
    }

    /// <summary>
    /// The node whose successors are exactly the events after <paramref name="resourceVersion"/>, or null when
    /// that version is older than the history.
    /// </summary>
    public HistoryNode? FindResumePoint(long resourceVersion)
    {
        var node = _floor;
        if (resourceVersion < node.ResourceVersion)
        {
            return null;
        }
        // The usual case (a continue token or watch at or past the newest change) without walking the whole
        // history, which holds up to MaxEvents nodes.
        var tail = _tail;
        if (tail.ResourceVersion <= resourceVersion)
        {
            return tail;
        }
        while (node.Next is { } next && next.ResourceVersion <= resourceVersion)
        {
            node = next;
        }
        return node;
    }

    /// <summary>
    /// Drops the whole history (caller holds the store's write lock), as etcd compacted to now: only the current state
    /// can be watched or listed from. Nodes stay linked, so a reader already walking them still reads every change.
    /// </summary>
    public void Compact()
    {
        _floor = _tail;
        _count = 0;
    }

    private void Trim(DateTime now)
    {
        var horizon = now - _options.MinAge;
        while (_count > _options.MaxEvents
               || (_count > _options.MinEvents && _floor.Next is { Event: { } oldest } && oldest.Time < horizon))
        {
            _floor = _floor.Next!;
            _count--;
        }
    }
}

/// <summary>How much change history each resource keeps.</summary>
public sealed record HistoryOptions
{
    public int MinEvents { get; init; } = 1000;

    public TimeSpan MinAge { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxEvents { get; init; } = 200_000;
}
