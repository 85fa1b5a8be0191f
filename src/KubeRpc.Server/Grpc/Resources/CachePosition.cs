using System.Globalization;
using KubeRpc.Server.Caching;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// Where a cached listing stands, inside its page token: the held snapshot it walks (<see cref="PinnedSnapshots{TProto}"/>),
/// the version its first page reported, and the last key it sent.
/// </summary>
internal readonly record struct CachePosition(long Snapshot, long Version, ObjectKey After)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Snapshot}\n{Version}\n{After.Namespace}\n{After.Name}");

    public static bool TryParse(string text, out CachePosition position)
    {
        position = default;
        if (text.Split('\n') is not [var snapshot, var version, var ns, var name]
            || !long.TryParse(snapshot, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
        {
            return false;
        }
        position = new CachePosition(id, rv, new ObjectKey(ns, name));
        return true;
    }
}
