using System.Collections.Immutable;

namespace KubeRpc.Emulator.Storage;

/// <summary>
/// A link in a resource's append-only change log. Each node carries the event and the resource's whole
/// state right after it, so one log serves watch resume, paged lists from one snapshot and exact-version
/// lists. Watchers follow <see cref="Next"/> at their own pace; the writer only links a node and completes
/// one task, whatever the number of watchers.
/// </summary>
internal sealed class HistoryNode
{
    private readonly TaskCompletionSource _linked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile HistoryNode? _next;

    public HistoryNode(StoreEvent? @event, long resourceVersion, ImmutableSortedDictionary<string, StoredObject> items)
    {
        Event = @event;
        ResourceVersion = resourceVersion;
        Items = items;
    }

    /// <summary>The change; null for the log's starting point.</summary>
    public StoreEvent? Event { get; }

    /// <summary>The global resourceVersion this node brings the resource to.</summary>
    public long ResourceVersion { get; }

    /// <summary>The resource's objects as of <see cref="ResourceVersion"/>.</summary>
    public ImmutableSortedDictionary<string, StoredObject> Items { get; }

    public HistoryNode? Next => _next;

    /// <summary>Completes when a next node is linked.</summary>
    public Task NextLinked => _linked.Task;

    public void Link(HistoryNode next)
    {
        _next = next;
        _linked.TrySetResult();
    }
}
