using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery;

namespace KubeRpc.Emulator.Storage;

/// <summary>
/// The emulator's etcd: one global resourceVersion counter bumped by every write, one <see cref="ResourceLog"/>
/// per resource. Writers serialise on one lock (writes are O(log n)); readers never lock.
/// </summary>
internal sealed class ObjectStore : IClusterReader
{
    private readonly Lock _writeLock = new();
    private readonly Dictionary<string, ResourceLog> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectCodec> _codecs = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _resourceVersion;
    // The version of the last write whose event is in its log. Readers outside the write lock (a bookmark, a
    // "current version") must see this, not the counter: a bookmark at a version whose event is not yet appended
    // tells a watcher it has everything up to there, and it would then drop that event as already seen.
    private long _committed;

    public ObjectStore(IEnumerable<ResourceType> types, HistoryOptions history, TimeProvider time)
    {
        _time = time;
        _resourceVersion = 1;
        _committed = 1;
        foreach (var type in types)
        {
            _logs[type.Plural] = new ResourceLog(_resourceVersion, history);
            _codecs[type.Plural] = new ObjectCodec(type);
        }
    }

    /// <summary>The resourceVersion of the latest write whose event every reader can see.</summary>
    public long ResourceVersion => Volatile.Read(ref _committed);

    public DateTime Now => _time.GetUtcNow().UtcDateTime;

    public ResourceLog Log(ResourceType type) => _logs[type.Plural];

    /// <summary>The log of the resource named by its plural (e.g. <c>services</c>).</summary>
    public ResourceLog Log(string plural) =>
        _logs.TryGetValue(plural, out var log) ? log : throw new ArgumentException($"no resource {plural}", nameof(plural));

    /// <summary>Every resource's history compacted to its current state (see <see cref="ResourceLog.Compact"/>).</summary>
    public void CompactHistory() => Write(() =>
    {
        foreach (var log in _logs.Values)
        {
            log.Compact();
        }
        return 0;
    });

    public ObjectCodec Codec(ResourceType type) => _codecs[type.Plural];

    public StoredObject? Get(ResourceType type, string? ns, string name) =>
        _logs[type.Plural].Items.GetValueOrDefault(StoredObject.KeyOf(ns, name));

    /// <summary>Runs <paramref name="write"/> with the write lock held; all commits happen inside such a call.</summary>
    public T Write<T>(Func<T> write)
    {
        lock (_writeLock)
        {
            return write();
        }
    }

    /// <summary>Stores a created or updated object under a new resourceVersion (caller holds the write lock).</summary>
    /// <exception cref="ApiException">413 when the object is larger than etcd would store.</exception>
    public StoredObject Put(ResourceType type, IKubernetesObject<V1ObjectMeta> model, StoredObject? previous)
    {
        var log = _logs[type.Plural];
        var rv = _resourceVersion + 1;
        model.Metadata.ResourceVersion = ResourceVersions.Format(rv);
        var json = _codecs[type.Plural].Encode(model);
        if (json.Length > ApiLimits.MaxObjectBytes)
        {
            throw ObjectTooLarge();
        }
        _resourceVersion = rv;
        var key = StoredObject.KeyOf(model.Metadata.NamespaceProperty, model.Metadata.Name);
        var stored = new StoredObject(key, model, json, rv);
        var e = new StoreEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, stored, previous, Now);
        log.Append(e, log.Items.SetItem(key, stored));
        Volatile.Write(ref _committed, rv);
        type.Strategy.OnCommitted(previous?.Model, model);
        return stored;
    }

    /// <summary>Removes an object; the DELETED event carries its last state with the deletion's resourceVersion.</summary>
    public StoredObject Remove(ResourceType type, StoredObject existing)
    {
        var log = _logs[type.Plural];
        var rv = ++_resourceVersion;
        var codec = _codecs[type.Plural];
        var last = codec.Decode(existing.Json);
        last.Metadata.ResourceVersion = ResourceVersions.Format(rv);
        var tombstone = new StoredObject(existing.Key, last, codec.Encode(last), rv);
        log.Append(new StoreEvent(WatchEventType.Deleted, tombstone, existing, Now), log.Items.Remove(existing.Key));
        Volatile.Write(ref _committed, rv);
        type.Strategy.OnCommitted(existing.Model, null);
        return tombstone;
    }

    /// <summary>
    /// etcd refuses the write (<c>etcdserver: request is too large</c>). The size is the object's JSON, a little
    /// larger than the protobuf etcd holds, so the emulator refuses slightly smaller objects than a cluster would.
    /// </summary>
    /// <remarks>
    /// Deviation: kube-apiserver 1.32 passes etcd's error on as a 500 InternalError (kubernetes#112152, open); a
    /// client's input must never produce a 5xx from the emulator, so it answers 413 RequestEntityTooLarge with
    /// etcd's words.
    /// </remarks>
    private static ApiException ObjectTooLarge() => new(413, "RequestEntityTooLarge", "etcdserver: request is too large");

    IEnumerable<IKubernetesObject<V1ObjectMeta>> IClusterReader.List(string plural) =>
        _logs.TryGetValue(plural, out var log) ? log.Items.Values.Select(o => o.Model) : [];
}
