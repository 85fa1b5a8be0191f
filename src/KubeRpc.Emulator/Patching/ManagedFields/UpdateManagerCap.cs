namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// apimachinery <c>capmanagers.go</c>: at most 10 update entries are kept; beyond that the oldest are merged,
/// per API version, into an <c>ancient-changes</c> entry that takes the time of the newest update merged in.
/// </summary>
internal static class UpdateManagerCap
{
    public const int MaxUpdateManagers = 10;
    private const string BucketManager = "ancient-changes";

    public static void Apply(ManagedFieldSets managed)
    {
        var updaters = managed.Fields.Keys.Where(id => !id.Applied).ToList();
        if (updaters.Count <= MaxUpdateManagers)
        {
            return;
        }

        updaters = [.. updaters
            .OrderBy(id => managed.Times.TryGetValue(id, out var t) ? new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds() : 0)
            .ThenBy(id => id.Identifier, StringComparer.Ordinal)];
        var firstOfVersion = new Dictionary<string, ManagerId>(StringComparer.Ordinal);
        var length = updaters.Count;
        for (var i = 0; i < updaters.Count && length > MaxUpdateManagers; i++)
        {
            var id = updaters[i];
            var owned = managed.Fields[id];
            if (!firstOfVersion.TryGetValue(owned.ApiVersion, out var first))
            {
                firstOfVersion[owned.ApiVersion] = id;
                continue;
            }

            var bucket = ManagerId.ForUpdate(BucketManager, owned.ApiVersion, "");
            if (!managed.Fields.TryGetValue(bucket, out var merged))
            {
                merged = managed.Fields[first];
                managed.Fields.Remove(first);
            }

            managed.Fields[bucket] = owned with { Set = owned.Set.Union(merged.Set) };
            managed.Fields.Remove(id);
            length--;
            if (managed.Times.TryGetValue(id, out var time))
            {
                managed.Times[bucket] = time;
            }
            else
            {
                managed.Times.Remove(bucket);
            }

            managed.Times.Remove(id);
        }
    }
}
