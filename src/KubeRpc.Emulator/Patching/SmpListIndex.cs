using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// The first position of each merge key value (or, in a list of scalars, each value) in a list, so that strategic
/// merge patch looks items up instead of walking the list for every item; the answers are those of the linear
/// searches it replaces (<c>findMapInSliceBasedOnKeyValue</c> and <c>index</c>), errors included.
/// </summary>
internal sealed class SmpListIndex
{
    private readonly Dictionary<JsonNode, SortedSet<int>> _positions = new(GoValueComparer.Instance);
    private readonly SortedSet<int> _nullPositions = [];
    private readonly Func<JsonNode?, (bool Indexed, JsonNode? Value)> _valueOf;
    private int _firstNonMap = -1;
    private int _count;

    private SmpListIndex(Func<JsonNode?, (bool Indexed, JsonNode? Value)> valueOf) => _valueOf = valueOf;

    /// <summary>
    /// <c>findMapInSliceBasedOnKeyValue</c>: maps by the value of <paramref name="mergeKey"/> (maps without it are
    /// never found); <see cref="Find"/> fails, as the walk would, on a non-map met before the match.
    /// </summary>
    public static SmpListIndex OfMaps(IEnumerable<JsonNode?> items, string mergeKey)
    {
        var index = new SmpListIndex(item => item is JsonObject map && map.TryGetPropertyValue(mergeKey, out var value)
            ? (true, value)
            : (false, null));
        index.AddRange(items);
        return index;
    }

    /// <summary><c>index</c>: by merge key value in a list of maps (a missing value reads as null), by value otherwise.</summary>
    public static SmpListIndex Of(IEnumerable<JsonNode?> items, string mergeKey, GoKind kind)
    {
        var index = new SmpListIndex(item => (true, kind == GoKind.Map ? (item as JsonObject)?[mergeKey] : item));
        index.AddRange(items);
        return index;
    }

    /// <summary>Items by their own value (Go <c>==</c>), for lists of scalars.</summary>
    public static SmpListIndex OfValues(IEnumerable<JsonNode?> items)
    {
        var index = new SmpListIndex(item => (true, item));
        index.AddRange(items);
        return index;
    }

    /// <summary>Indexes an item appended at the end of the list.</summary>
    public void Add(JsonNode? item)
    {
        var position = _count++;
        if (item is not JsonObject && _firstNonMap < 0)
        {
            _firstNonMap = position;
        }

        SetOf(item)?.Add(position);
    }

    /// <summary>
    /// Forgets the item at <paramref name="position"/>, before it changes in place (a merge may take its key away:
    /// a null merge key in the patch deletes it); <see cref="Restore"/> indexes it again afterwards.
    /// </summary>
    public void Forget(int position, JsonNode? item) => SetOf(item)?.Remove(position);

    /// <summary>Indexes the item at <paramref name="position"/> again, as it is now.</summary>
    public void Restore(int position, JsonNode? item) => SetOf(item)?.Add(position);

    /// <summary>The first map whose merge key equals <paramref name="value"/>, or null (<see cref="OfMaps"/>).</summary>
    public int? Find(JsonNode? value)
    {
        var match = Position(value);
        if (_firstNonMap >= 0 && (match is null || _firstNonMap < match))
        {
            throw SmpErrors.NotAMap(_firstNonMap);
        }

        return match;
    }

    /// <summary>The position of the first item with the same value as <paramref name="item"/>, or -1 (<see cref="Of"/>).</summary>
    public int IndexOf(JsonNode? item) => Position(_valueOf(item).Value) ?? -1;

    /// <summary>Whether some item has the value <paramref name="value"/>.</summary>
    public bool Contains(JsonNode? value) => Position(value) is not null;

    /// <summary>The positions of the items with the value <paramref name="value"/>, in order.</summary>
    public IReadOnlyCollection<int> PositionsOf(JsonNode? value) =>
        (value is null ? _nullPositions : _positions.GetValueOrDefault(value)) ?? (IReadOnlyCollection<int>)[];

    /// <summary>The first position after <paramref name="position"/> of an item with the same value as <paramref name="item"/>.</summary>
    public int? NextAfter(JsonNode? item, int position) =>
        SetOf(item)?.GetViewBetween(position + 1, int.MaxValue) is { Count: > 0 } later ? later.Min : null;

    private int? Position(JsonNode? value) =>
        (value is null ? _nullPositions : _positions.GetValueOrDefault(value)) is { Count: > 0 } positions ? positions.Min : null;

    /// <summary>The positions of the items with the same value as <paramref name="item"/>; null when it has none.</summary>
    private SortedSet<int>? SetOf(JsonNode? item)
    {
        var (indexed, value) = _valueOf(item);
        if (!indexed)
        {
            return null;
        }

        if (value is null)
        {
            return _nullPositions;
        }

        if (!_positions.TryGetValue(value, out var positions))
        {
            // A map or list as a key would change with a merge into its item: the index keeps its own copy.
            positions = [];
            _positions[value is JsonObject or JsonArray ? value.DeepClone() : value] = positions;
        }

        return positions;
    }

    private void AddRange(IEnumerable<JsonNode?> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }
}
