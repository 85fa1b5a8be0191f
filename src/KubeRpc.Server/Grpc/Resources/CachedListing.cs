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
        // One namespace (the common case) is walked on its sorted set directly, without StoreSnapshot.List's iterators.
        if (ns is not null && from is null)
        {
            if (snapshot.NamespaceIndex.TryGetValue(ns, out var set))
            {
                foreach (var cached in set)
                {
                    if (Take(cached))
                    {
                        break;
                    }
                }
            }
        }
        else
        {
            foreach (var cached in snapshot.List(ns, from?.After))
            {
                if (Take(cached))
                {
                    break;
                }
            }
        }
        var rv = ns is null ? snapshot.ResourceVersion : snapshot.ResourceVersionOf(ns);
        var next = more && last is { } key
            ? PageToken.Encode(PagePath.Cache, new CachePosition(from?.Snapshot ?? pins.Hold(snapshot), rv, key).ToString(), scope)
            : "";
        return new EncodedList(items, next, ResourceVersions.Format(rv));

        // Adds the object if it passes the filter; true once the page is full and another object passed (more follow).
        bool Take(CachedObject<TProto> cached)
        {
            if (!filter.Matches(cached))
            {
                return false;
            }
            if (items.Count == limit)
            {
                more = true;
                return true;
            }
            items.Add(cached);
            last = cached.Key;
            return false;
        }
    }
}
