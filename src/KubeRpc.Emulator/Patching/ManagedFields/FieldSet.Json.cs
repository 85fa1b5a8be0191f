using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>The FieldsV1 encoding of a <see cref="FieldSet"/> (structured-merge-diff <c>fieldpath/serialize.go</c>).</summary>
internal sealed partial class FieldSet
{
    /// <summary>
    /// FieldsV1: one member per element in sort order (<c>f:</c> fields, then <c>k:</c> keys, <c>v:</c> values,
    /// <c>i:</c> indexes); a leaf is <c>{}</c>; a node that is both a member and a prefix starts with <c>".":{}</c>.
    /// </summary>
    public JsonObject ToFieldsV1() => Emit(includeSelf: false);

    /// <summary>Reads FieldsV1; members with an unknown prefix are dropped, as the apiserver does.</summary>
    /// <exception cref="FormatException">A member name or value that is not FieldsV1.</exception>
    public static FieldSet FromFieldsV1(JsonNode? fields)
    {
        if (fields is null)
        {
            return new FieldSet();
        }

        return Read(fields as JsonObject ?? throw new FormatException("FieldsV1 must be a JSON object")).Children ?? new FieldSet();
    }

    private JsonObject Emit(bool includeSelf)
    {
        var o = new JsonObject();
        if (includeSelf && !IsEmpty)
        {
            o["."] = new JsonObject();
        }

        foreach (var element in MembersAndChildren())
        {
            o[element.Serialize()] = _children.TryGetValue(element, out var child)
                ? child.Emit(includeSelf: _members.Contains(element))
                : new JsonObject();
        }

        return o;
    }

    /// <summary>The elements of this level that are members or lead to members, in order, each once.</summary>
    private IEnumerable<PathElement> MembersAndChildren()
    {
        // Both collections are sorted: merge them instead of sorting their union again.
        using var members = _members.GetEnumerator();
        using var children = _children.Keys.GetEnumerator();
        var hasMember = members.MoveNext();
        var hasChild = children.MoveNext();
        while (hasMember || hasChild)
        {
            var order = !hasChild ? -1 : !hasMember ? 1 : members.Current.CompareTo(children.Current);
            yield return order <= 0 ? members.Current : children.Current;
            hasMember = order <= 0 ? members.MoveNext() : hasMember;
            hasChild = order >= 0 ? children.MoveNext() : hasChild;
        }
    }

    private static (FieldSet? Children, bool IsMember) Read(JsonObject o)
    {
        FieldSet? children = null;
        var isMember = false;
        foreach (var (name, value) in o)
        {
            if (name == ".")
            {
                isMember = true;
                continue;
            }

            if (PathElement.Parse(name) is not { } element)
            {
                continue;
            }

            var (grandchildren, childIsMember) = Read(value as JsonObject ?? throw new FormatException($"value of {name} must be a JSON object"));
            if (childIsMember)
            {
                children ??= new FieldSet();
                children._members.Add(element);
            }

            if (grandchildren is not null)
            {
                children ??= new FieldSet();
                if (!children._children.TryAdd(element, grandchildren))
                {
                    children._children[element].AddAll(grandchildren);
                }
            }
        }

        return (children, isMember || children is null);
    }
}
