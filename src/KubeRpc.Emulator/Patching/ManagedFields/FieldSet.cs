namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// A set of field paths stored as a tree (structured-merge-diff <c>fieldpath.Set</c>): at each level the
/// elements that are themselves members, and the children that lead to deeper members. A path can be both a
/// member and a prefix of other members (a list item and its fields).
/// </summary>
internal sealed partial class FieldSet
{
    private readonly SortedSet<PathElement> _members = [];
    private readonly SortedDictionary<PathElement, FieldSet> _children = [];

    /// <summary>Elements of this level that are members of the set.</summary>
    public IReadOnlyCollection<PathElement> Members => _members;

    /// <summary>Subsets below elements of this level, never empty.</summary>
    public IReadOnlyDictionary<PathElement, FieldSet> Children => _children;

    public bool IsEmpty => _members.Count == 0 && _children.Count == 0;

    public static FieldSet Of(params IReadOnlyList<PathElement>[] paths)
    {
        var set = new FieldSet();
        foreach (var path in paths)
        {
            set.Insert(path);
        }

        return set;
    }

    /// <summary>Adds a path (an empty path adds nothing: the root is never a member).</summary>
    public void Insert(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            node = node.Child(path[i]);
        }

        node._members.Add(path[^1]);
    }

    public bool Has(IReadOnlyList<PathElement> path)
    {
        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node._children.TryGetValue(path[i], out node))
            {
                return false;
            }
        }

        return path.Count > 0 && node._members.Contains(path[^1]);
    }

    /// <summary>The subset below <paramref name="element"/> (<c>WithPrefix</c>), empty if there is none.</summary>
    public FieldSet Under(PathElement element) => _children.TryGetValue(element, out var child) ? child : new FieldSet();

    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        result.AddAll(other);
        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(other._members.Contains));
        foreach (var (element, child) in _children)
        {
            if (other._children.TryGetValue(element, out var theirs))
            {
                result.SetChild(element, child.Intersection(theirs));
            }
        }

        return result;
    }

    /// <summary>Members of this set that are not members of <paramref name="other"/>, path by path.</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(m => !other._members.Contains(m)));
        foreach (var (element, child) in _children)
        {
            result.SetChild(element, other._children.TryGetValue(element, out var theirs) ? child.Difference(theirs) : child.Copy());
        }

        return result;
    }

    /// <summary>Like <see cref="Difference"/>, but a member of <paramref name="other"/> also removes everything below it.</summary>
    public FieldSet RecursiveDifference(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(m => !other._members.Contains(m)));
        foreach (var (element, child) in _children)
        {
            if (other._members.Contains(element))
            {
                continue;
            }

            result.SetChild(element, other._children.TryGetValue(element, out var theirs) ? child.RecursiveDifference(theirs) : child.Copy());
        }

        return result;
    }

    /// <summary>Every member path: this level's members first, then each child's paths (<c>Set.Iterate</c>).</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths() => PathsUnder([]);

    public FieldSet Copy()
    {
        var result = new FieldSet();
        result.AddAll(this);
        return result;
    }

    /// <summary><c>Path.String()</c>: <c>.spec.ports[port=80,protocol="TCP"].targetPort</c>.</summary>
    public static string Format(IEnumerable<PathElement> path) => string.Concat(path.Select(e => e.ToString()));

    public override string ToString() => string.Join("\n", Paths().Select(Format));

    private IEnumerable<IReadOnlyList<PathElement>> PathsUnder(List<PathElement> prefix)
    {
        foreach (var member in _members)
        {
            yield return [.. prefix, member];
        }

        foreach (var (element, child) in _children)
        {
            foreach (var path in child.PathsUnder([.. prefix, element]))
            {
                yield return path;
            }
        }
    }

    private void AddAll(FieldSet other)
    {
        _members.UnionWith(other._members);
        foreach (var (element, child) in other._children)
        {
            Child(element).AddAll(child);
        }
    }

    private FieldSet Child(PathElement element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children[element] = child;
        }

        return child;
    }

    private void SetChild(PathElement element, FieldSet child)
    {
        if (!child.IsEmpty)
        {
            _children[element] = child;
        }
    }
}
