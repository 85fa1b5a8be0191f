using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace KubeRpc.Server.Caching;

/// <summary>
/// An object's labels as the cache keeps them: one array of keys and values sorted by key (ordinal), read-only, looked
/// up by binary search. The whole set costs one small array instead of a dictionary, and a lookup costs log of the
/// labels however many an object carries. It is an <see cref="IDictionary{TKey,TValue}"/> only for the label selector,
/// which reads it.
/// </summary>
internal sealed class LabelSet : IDictionary<string, string>, IReadOnlyDictionary<string, string>
{
    public static LabelSet Empty { get; } = new([]);

    // key0, value0, key1, value1, ... sorted by key (ordinal).
    private readonly string[] _pairs;

    private LabelSet(string[] pairs) => _pairs = pairs;

    /// <summary>A label set from <paramref name="labels"/>, each string passed through <paramref name="share"/> (e.g. a <see cref="StringPool"/>).</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>>? labels, Func<string, string>? share = null)
    {
        if (labels is null)
        {
            return Empty;
        }
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return Empty;
        }
        var pairs = new string[sorted.Count * 2];
        for (var i = 0; i < sorted.Count; i++)
        {
            pairs[2 * i] = share is null ? sorted[i].Key : share(sorted[i].Key);
            pairs[(2 * i) + 1] = share is null ? sorted[i].Value : share(sorted[i].Value);
        }
        return new LabelSet(pairs);
    }

    public int Count => _pairs.Length / 2;

    public bool IsReadOnly => true;

    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no label {key}");
        set => throw ReadOnly();
    }

    public ICollection<string> Keys => [.. Enumerable.Range(0, Count).Select(i => _pairs[2 * i])];

    public ICollection<string> Values => [.. Enumerable.Range(0, Count).Select(i => _pairs[(2 * i) + 1])];

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => Values;

    /// <summary>A binary search over the sorted keys: a selector's cost grows with its requirements, not with the labels.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(_pairs[2 * middle], key);
            if (order == 0)
            {
                value = _pairs[(2 * middle) + 1];
                return true;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        value = null;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool Contains(KeyValuePair<string, string> item) =>
        TryGetValue(item.Key, out var value) && string.Equals(value, item.Value, StringComparison.Ordinal);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _pairs.Length; i += 2)
        {
            yield return new KeyValuePair<string, string>(_pairs[i], _pairs[i + 1]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var pair in this)
        {
            array[arrayIndex++] = pair;
        }
    }

    public void Add(string key, string value) => throw ReadOnly();

    public void Add(KeyValuePair<string, string> item) => throw ReadOnly();

    public bool Remove(string key) => throw ReadOnly();

    public bool Remove(KeyValuePair<string, string> item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("cached labels are read-only");
}
