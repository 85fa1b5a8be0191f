using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// structured-merge-diff's <c>merge.Updater</c> for one kind and version: who owns what after an update or an
/// apply, which fields an apply prunes, and which changes conflict.
/// </summary>
/// <param name="root">The kind's list and map semantics.</param>
/// <param name="ignored">The strategy's reset fields: nobody gains them and changes to them never conflict.</param>
/// <param name="apiVersion">The version the write is made in.</param>
internal sealed class FieldUpdater(PatchSchemaNode root, FieldSet ignored, string apiVersion)
{
    /// <summary>
    /// <c>Updater.Update</c> for a non-apply write: every other manager loses the fields the write changed or
    /// removed (never a conflict); returns the fields the writer takes.
    /// </summary>
    public FieldSet Update(JsonObject live, JsonObject updated, ManagedFieldSets managed)
    {
        var compare = UpdateOthers(live, updated, managed, self: null, force: true);
        return compare.Modified.Union(compare.Added).Difference(compare.Removed).RecursiveDifference(ignored);
    }

    /// <summary>
    /// <c>Updater.Apply</c> after the configuration was merged into the live object: <paramref name="me"/> now owns
    /// exactly what the configuration sets; what it owned before, no longer sets and nobody else owns is removed
    /// from the merged object; other managers whose fields change conflict unless <paramref name="force"/>, in
    /// which case they lose them. Returns the merged object after pruning.
    /// </summary>
    /// <exception cref="FieldConflictsException">Another manager owns a field whose value changes, and not forced.</exception>
    public JsonObject Apply(JsonObject live, JsonObject merged, JsonObject config, ManagedFieldSets managed, ManagerId me, bool force)
    {
        var lastSet = managed.Fields.TryGetValue(me, out var last) ? last.Set : null;
        managed.Fields[me] = new OwnedFields(ObjectFields.Of(config, root).RecursiveDifference(ignored), apiVersion);
        var pruned = Prune(merged, managed, lastSet);
        UpdateOthers(live, pruned, managed, me, force);
        return pruned;
    }

    /// <summary>
    /// <c>Updater.prune</c>: removes what <paramref name="lastSet"/> held (named fields leading to its members
    /// included) that no manager owns any more, counting the applier's new set. Fields another applier or an
    /// updater also owns stay.
    /// </summary>
    private JsonObject Prune(JsonObject merged, ManagedFieldSets managed, FieldSet? lastSet)
    {
        if (lastSet is null || lastSet.IsEmpty)
        {
            return merged;
        }

        var owned = managed.Fields.Values.Aggregate(new FieldSet(), (all, o) => all.Union(o.Set));
        var present = ObjectFields.WithNamedFieldsAsMembers(ObjectFields.Of(merged, root));
        var toRemove = ObjectFields.WithNamedFieldsAsMembers(lastSet)
            .Difference(ObjectFields.WithNamedFieldsAsMembers(owned))
            .Intersection(present);
        if (toRemove.IsEmpty)
        {
            return merged;
        }

        var pruned = (JsonObject)merged.DeepClone();
        ObjectFields.RemoveItems(pruned, toRemove, root);
        return pruned;
    }

    /// <summary>
    /// <c>Updater.update</c>: compares the objects (reset fields excluded); managers other than
    /// <paramref name="self"/> owning a changed or added field conflict; when forced (or after no conflict) they
    /// lose those fields and every removed one; managers left empty are dropped.
    /// </summary>
    private ObjectComparison UpdateOthers(JsonObject live, JsonObject updated, ManagedFieldSets managed, ManagerId? self, bool force)
    {
        var compare = ObjectComparison.Between(live, updated, root).Excluding(ignored);
        var changed = compare.Modified.Union(compare.Added);
        var conflicts = new List<(ManagerId Manager, FieldSet Fields)>();
        foreach (var (id, owned) in managed.Fields)
        {
            if (id != self && owned.Set.Intersection(changed) is { IsEmpty: false } conflict)
            {
                conflicts.Add((id, conflict));
            }
        }

        if (!force && conflicts.Count > 0)
        {
            throw new FieldConflictsException(conflicts);
        }

        foreach (var (id, fields) in conflicts)
        {
            managed.Subtract(id, fields);
        }

        if (!compare.Removed.IsEmpty)
        {
            foreach (var id in managed.Fields.Keys.Where(id => id != self).ToList())
            {
                managed.Subtract(id, compare.Removed);
            }
        }

        managed.DropEmpty();
        return compare;
    }
}
