using System.Collections.Immutable;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;

namespace KubeRpc.Server.Watching;

/// <summary>
/// What a new stream sends before its queue, captured under the broadcaster's lock and judged through the filter only
/// as the stream enumerates it, on its own thread: the matching objects of a state as ADDED and the BOOKMARK that ends
/// them, or the history's changes after the version the stream resumes from.
/// </summary>
internal sealed class WatchStart<TProto, TEvent>
    where TProto : class
    where TEvent : class
{
    private readonly WatchFilter _filter;
    private readonly WatchEventFactory<TProto, TEvent> _factory;
    private readonly ImmutableSortedDictionary<ObjectKey, CachedObject<TProto>>? _state;
    private readonly long _stateVersion;
    private readonly IReadOnlyList<BroadcastEvent<TProto, TEvent>>? _replay;

    private WatchStart(WatchFilter filter, WatchEventFactory<TProto, TEvent> factory,
        ImmutableSortedDictionary<ObjectKey, CachedObject<TProto>>? state, long stateVersion, IReadOnlyList<BroadcastEvent<TProto, TEvent>>? replay)
    {
        _filter = filter;
        _factory = factory;
        _state = state;
        _stateVersion = stateVersion;
        _replay = replay;
    }

    public static WatchStart<TProto, TEvent> Initial(WatchFilter filter, WatchEventFactory<TProto, TEvent> factory,
        ImmutableSortedDictionary<ObjectKey, CachedObject<TProto>> state, long resourceVersion) =>
        new(filter, factory, state, resourceVersion, null);

    public static WatchStart<TProto, TEvent> Replay(WatchFilter filter, WatchEventFactory<TProto, TEvent> factory,
        IReadOnlyList<BroadcastEvent<TProto, TEvent>> events) =>
        new(filter, factory, null, 0, events);

    /// <summary>The messages, in order: objects in key order then the ending bookmark, or the replayed changes.</summary>
    public IEnumerable<WatchItem<TEvent>> Items()
    {
        if (_state is not null)
        {
            foreach (var item in _state.Values)
            {
                if (_filter.Matches(item))
                {
                    var rv = ResourceVersions.Format(item.ResourceVersion);
                    yield return new WatchItem<TEvent>(_factory(V1.EventType.Added, item, rv, false, false), rv);
                }
            }
            var end = ResourceVersions.Format(_stateVersion);
            yield return new WatchItem<TEvent>(_factory(V1.EventType.Bookmark, null, end, true, false), end);
            yield break;
        }
        foreach (var e in _replay!)
        {
            if (_filter.Translate(e.Change) is var kind and not WatchEventKind.None)
            {
                yield return new WatchItem<TEvent>(e.Message(kind, _factory), e.ResourceVersion);
            }
        }
    }
}
