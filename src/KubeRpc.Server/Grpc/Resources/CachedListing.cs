using Google.Protobuf;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// The pages of a listing served from the cache: in key order after the token's key, filtered as the API server
/// filters, every page from the snapshot the first one showed (held in <see cref="CachedReads{TProto,TModel}.Pages"/>) and
/// reporting its version, as the API server's continue tokens do.
/// </summary>
internal static class CachedListing
{
    public static EncodedList Page<TProto>(StoreSnapshot<TProto> snapshot, PinnedSnapshots<TProto> pins, WatchFilter filter, string? ns,
        int limit, CachePosition? from, string scope)
        where TProto : class, IMessage<TProto>
    {
        var items = new List<EncodedMessage>(Math.Min(limit, snapshot.CountIn(ns)));
        ObjectKey? last = null;
        var more = false;
        foreach (var cached in snapshot.List(ns, from?.After))
        {
            if (!filter.Matches(cached))
            {
                continue;
            }
            if (items.Count == limit)
            {
                more = true;
                break;
            }
            items.Add(cached);
            last = cached.Key;
        }
        var rv = ns is null ? snapshot.ResourceVersion : snapshot.ResourceVersionOf(ns);
        var next = more && last is { } key
            ? PageToken.Encode(PagePath.Cache, new CachePosition(from?.Snapshot ?? pins.Hold(snapshot), rv, key).ToString(), scope)
            : "";
        return new EncodedList(items, next, ResourceVersions.Format(rv));
    }
}
