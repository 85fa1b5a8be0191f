using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// Field sets of objects, with the list semantics of <see cref="PatchSchema"/> (structured-merge-diff
/// <c>ToFieldSet</c>, <c>RemoveItems</c> and <c>EnsureNamedFieldsAreMembers</c>).
/// </summary>
/// <remarks>
/// Every JSON object is treated as a struct whose members are named fields. That differs from
/// structured-merge-diff only for maps whose values are objects or lists, which none of the emulated kinds has
/// (labels, annotations, selectors and Secret data hold strings).
/// </remarks>
internal static class ObjectFields
{
    /// <summary>
    /// The paths a configuration sets: every scalar, every atomic map or list as a whole, and every item of an
    /// associative list (the item itself and its fields). Empty maps and lists contribute nothing.
    /// </summary>
    public static FieldSet Of(JsonNode? value, PatchSchemaNode node)
    {
        var set = new FieldSet();
        Collect(value, node, [], set);
        return set;
    }

    /// <summary>The path element that identifies an item of an associative list, or null if it has none.</summary>
    public static PathElement? ItemElement(JsonNode? item, PatchSchemaNode list)
    {
        if (ApplyListMerge.Key(item, list) is not { } key)
        {
            return null;
        }

        return list.ListType == ApplyListType.Set
            ? PathElement.ValueOf(key[0])
            : PathElement.KeyOf(list.ListMapKeys.Select((name, i) => new KeyValuePair<string, JsonNode?>(name, key[i])));
    }

    /// <summary>
    /// The set plus every named field that leads to one of its members, so that removing a field a manager no
    /// longer applies can take whole structs with it.
    /// </summary>
    public static FieldSet WithNamedFieldsAsMembers(FieldSet set)
    {
        var result = new FieldSet();
        foreach (var path in set.Paths())
        {
            result.Insert(path);
            for (var i = 1; i < path.Count; i++)
            {
                if (path[i - 1].Kind == PathElementKind.Field)
                {
                    result.Insert(path.Take(i).ToList());
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Removes the members of <paramref name="toRemove"/> (with everything below them) from <paramref name="value"/>
    /// in place. A map or list left empty by a removal below it disappears too (the apiserver turns it into null,
    /// which the typed object drops); an atomic map or list with anything to remove below it goes as a whole.
    /// </summary>
    public static void RemoveItems(JsonObject value, FieldSet toRemove, PatchSchemaNode node) => Remove(value, toRemove, node);

    private static void Collect(JsonNode? value, PatchSchemaNode node, List<PathElement> path, FieldSet set)
    {
        switch (value)
        {
            case JsonObject when node.Atomic:
                set.Insert(path);
                break;
            case JsonObject map:
                foreach (var (name, child) in map)
                {
                    Collect(child, node.Field(name), [.. path, PathElement.Field(name)], set);
                }

                break;
            case JsonArray when node.ListType == ApplyListType.Atomic:
                set.Insert(path);
                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    // Items without keys were rejected when the configuration was validated.
                    if (ItemElement(item, node) is { } element)
                    {
                        List<PathElement> itemPath = [.. path, element];
                        Collect(item, node.Element, itemPath, set);
                        set.Insert(itemPath);
                    }
                }

                break;
            default:
                set.Insert(path);
                break;
        }
    }

    /// <summary>Returns true when the container itself has to go (atomic, or emptied).</summary>
    private static bool Remove(JsonNode? value, FieldSet toRemove, PatchSchemaNode node)
    {
        switch (value)
        {
            case JsonObject when node.Atomic:
            case JsonArray when node.ListType == ApplyListType.Atomic:
                return true;
            case JsonObject map:
                foreach (var name in map.Select(p => p.Key).ToList())
                {
                    var element = PathElement.Field(name);
                    if (toRemove.Members.Contains(element)
                        || (toRemove.Children.TryGetValue(element, out var below) && Remove(map[name], below, node.Field(name))))
                    {
                        map.Remove(name);
                    }
                }

                return map.Count == 0;
            case JsonArray list:
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (ItemElement(list[i], node) is not { } element)
                    {
                        continue;
                    }

                    if (toRemove.Members.Contains(element))
                    {
                        list.RemoveAt(i);
                    }
                    else if (toRemove.Children.TryGetValue(element, out var below))
                    {
                        Remove(list[i], below, node.Element);
                    }
                }

                return list.Count == 0;
            default:
                return false;
        }
    }
}
