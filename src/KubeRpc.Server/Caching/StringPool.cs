using System.Collections.Concurrent;

namespace KubeRpc.Server.Caching;

/// <summary>
/// Shares equal strings between cached objects: namespaces, label keys and values, and enum-like fields repeat
/// across thousands of objects, and each object parsed from JSON brings its own copies. Bounded: past
/// <see cref="Capacity"/> distinct strings, new ones are kept as they are (a pool that grew with every unique
/// value, e.g. a pod-template hash, would leak what the cache already let go of).
/// </summary>
internal sealed class StringPool(int capacity = 65_536)
{
    /// <summary>The pool the cached kinds share.</summary>
    public static StringPool Shared { get; } = new();

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public int Count => _strings.Count;

    public string Share(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return string.Empty;
        }
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }
        return _strings.Count < Capacity ? _strings.GetOrAdd(value, value) : value;
    }
}
