using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery;

namespace KubeRpc.Emulator.Http;

/// <summary>Renders watch lines for one watcher.</summary>
internal interface IWatchEncoder
{
    /// <summary>True when lines are the stored objects' JSON, so pre-serialised lines can be shared.</summary>
    bool IsPlain { get; }

    byte[] Encode(string type, StoredObject obj);

    byte[] Bookmark(long resourceVersion, bool initialEventsEnd);
}

/// <summary>Plain JSON events: the full object with kind and apiVersion.</summary>
internal sealed class JsonWatchEncoder(ResourceType type) : IWatchEncoder
{
    public bool IsPlain => true;

    public byte[] Encode(string eventType, StoredObject obj) => WatchLines.Event(eventType, obj.Json);

    public byte[] Bookmark(long resourceVersion, bool initialEventsEnd) =>
        WatchLines.Event("BOOKMARK", JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", type.Kind);
            w.WriteString("apiVersion", type.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", ResourceVersions.Format(resourceVersion));
            if (initialEventsEnd)
            {
                w.WriteStartObject("annotations");
                w.WriteString("k8s.io/initial-events-end", "true");
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }));
}

/// <summary>Table events for <c>kubectl get -w</c>: a one-row Table per event, column definitions on the first only.</summary>
internal sealed class TableWatchEncoder(ResourceType type, string? includeObject, Func<DateTime> now) : IWatchEncoder
{
    private readonly JsonWatchEncoder _bookmarks = new(type);
    private bool _columnsSent;

    public bool IsPlain => false;

    public byte[] Encode(string eventType, StoredObject obj)
    {
        var table = TableBodies.Table(type, [obj], null, null, null, includeObject, now(), withColumns: !_columnsSent);
        _columnsSent = true;
        return WatchLines.Event(eventType, table);
    }

    public byte[] Bookmark(long resourceVersion, bool initialEventsEnd) => _bookmarks.Bookmark(resourceVersion, initialEventsEnd);
}
