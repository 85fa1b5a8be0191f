using System.Text;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Watching;

/// <summary>A stream message for tests: what a ServiceEvent carries.</summary>
internal sealed record TestEvent(EventType Type, string? Item, string ResourceVersion, bool InitialEventsEnd, bool RelistBatch = false);

/// <summary>A store and a hand-driven informer feed in front of an <see cref="EventBroadcaster{TProto,TEvent}"/>.</summary>
internal sealed class BroadcasterHarness : IDisposable
{
    /// <summary>The status a refused subscription reaches the client with: the broadcaster's failure, as the gRPC layer words it.</summary>
    public static Grpc.Core.RpcException Refused(Action subscribe)
    {
        var failure = Assert.Throws<WatchFailedException>(subscribe);
        return KubeRpc.Server.Grpc.Errors.WatchStatuses.From(failure);
    }

    private readonly ResourceStore<string> _store;
    private Action<ResourceChange<string>>? _handler;

    /// <param name="scopes">Namespaces fed separately (as with Cache:Namespaces); all namespaces as one by default.</param>
    /// <param name="kind">The kind the broadcaster reports its metrics under.</param>
    public BroadcasterHarness(WatchOptions? options = null, Action<BroadcasterHarness>? beforeStart = null, TimeProvider? time = null,
        IEnumerable<string>? scopes = null, string kind = "Test")
    {
        _store = new ResourceStore<string>(scopes);
        Broadcaster = new EventBroadcaster<string, TestEvent>(kind, handler =>
        {
            _handler = handler;
            var subscription = new InformerSubscription<string>(_store.Current, () => _handler = null);
            // Changes that arrive between the informer's registration and the broadcaster's start.
            beforeStart?.Invoke(this);
            return subscription;
        }, static (type, item, rv, end, batch) => new TestEvent(type, item is null ? null : Encoding.UTF8.GetString(item.Encoded), rv, end, batch), options ?? new WatchOptions(), time ?? TimeProvider.System);
    }

    public EventBroadcaster<string, TestEvent> Broadcaster { get; }

    public static CachedObject<string> Obj(string name, long rv, string? app = null, string ns = "ns") =>
        new(new ObjectKey(ns, name), rv, Encoding.UTF8.GetBytes($"{name}@{rv}"),
            app is null ? null : LabelSet.From(new Dictionary<string, string> { ["app"] = app }),
            SelectableFields.MetadataOnly, []);

    /// <param name="ns">With scopes, the object's namespace, which is also the scope that delivers the change.</param>
    public void Apply(ResourceChangeType type, string name, long rv, string? app = null, string? ns = null)
    {
        if (_store.Apply(type, Obj(name, rv, app, ns ?? "ns"), ns ?? ResourceStore<string>.AllNamespaces) is { } change)
        {
            _handler?.Invoke(change);
        }
    }

    /// <summary>A watch bookmark from the API server: the scope's version moves on without a change.</summary>
    public void Progress(long rv, string? ns = null)
    {
        if (_store.Advance(rv, ns ?? ResourceStore<string>.AllNamespaces) is { } change)
        {
            _handler?.Invoke(change);
        }
    }

    /// <summary>A relist: the store takes the new list and the differences go out as synthetic changes.</summary>
    public void Relist(long rv, params CachedObject<string>[] items)
    {
        foreach (var change in _store.Replace(items, rv))
        {
            _handler?.Invoke(change);
        }
    }

    /// <summary>A relist whose first <paramref name="delivered"/> changes have reached the broadcaster; the returned action delivers the rest.</summary>
    public Action RelistPartly(int delivered, long rv, params CachedObject<string>[] items)
    {
        var changes = _store.Replace(items, rv);
        foreach (var change in changes.Take(delivered))
        {
            _handler?.Invoke(change);
        }
        return () =>
        {
            foreach (var change in changes.Skip(delivered))
            {
                _handler?.Invoke(change);
            }
        };
    }

    public static List<TestEvent> Drain(WatchSubscriber<string, TestEvent> subscriber)
    {
        var items = new List<TestEvent>();
        while (subscriber.TryRead(out var item))
        {
            items.Add(item.Message);
        }
        return items;
    }

    public void Dispose() => Broadcaster.Dispose();
}
