namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>The fields one manager owns and the API version it last wrote them with (<c>fieldpath.VersionedSet</c>).</summary>
internal sealed record OwnedFields(FieldSet Set, string ApiVersion);

/// <summary>
/// The decoded <c>metadata.managedFields</c> of an object: an owned field set and an optional time per manager
/// (apimachinery's <c>Managed</c>: <c>fieldpath.ManagedFields</c> plus times).
/// </summary>
internal sealed class ManagedFieldSets
{
    public Dictionary<ManagerId, OwnedFields> Fields { get; } = [];

    public Dictionary<ManagerId, DateTime> Times { get; } = [];

    public bool IsEmpty => Fields.Count == 0;

    /// <summary>Drops managers left without fields (and their times).</summary>
    public void DropEmpty()
    {
        foreach (var id in Fields.Where(p => p.Value.Set.IsEmpty).Select(p => p.Key).ToList())
        {
            Fields.Remove(id);
            Times.Remove(id);
        }
    }

    /// <summary>Takes <paramref name="fields"/> away from <paramref name="id"/>.</summary>
    public void Subtract(ManagerId id, FieldSet fields)
    {
        if (Fields.TryGetValue(id, out var owned))
        {
            Fields[id] = owned with { Set = owned.Set.Difference(fields) };
        }
    }
}
