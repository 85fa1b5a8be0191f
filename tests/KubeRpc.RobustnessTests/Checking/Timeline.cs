using KubeRpc.RobustnessTests.History;

namespace KubeRpc.RobustnessTests.Checking;

/// <summary>The API server's states over time, from its change log: the state at any version, and each object's versions.</summary>
internal sealed class Timeline
{
    private readonly IReadOnlyDictionary<string, long> _start;
    private readonly Dictionary<long, ApiChange> _byRv = [];
    private readonly Dictionary<string, List<ApiChange>> _byKey = new(StringComparer.Ordinal);

    public Timeline(IReadOnlyDictionary<string, long> start, IReadOnlyList<ApiChange> changes)
    {
        _start = start;
        Changes = changes;
        foreach (var change in changes)
        {
            _byRv[change.Rv] = change;
            if (!_byKey.TryGetValue(change.Key, out var list))
            {
                _byKey[change.Key] = list = [];
            }
            list.Add(change);
        }
    }

    public IReadOnlyList<ApiChange> Changes { get; }

    public ApiChange? At(long rv) => _byRv.GetValueOrDefault(rv);

    /// <summary>The <c>tier</c> label of the object's version <paramref name="objectRv"/> (null: none, or older than the log).</summary>
    public string? TierAt(string key, long objectRv) => _byRv.TryGetValue(objectRv, out var c) && c.Key == key ? c.Tier : null;

    /// <summary>The objects of <paramref name="state"/> a subscriber of <c>tier=<paramref name="tier"/></c> sees (all when null).</summary>
    public IReadOnlyDictionary<string, long> Visible(IReadOnlyDictionary<string, long> state, string? tier) => tier is null
        ? state
        : state.Where(o => TierAt(o.Key, o.Value) == tier).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

    /// <summary>
    /// The event a subscriber of <c>tier=<paramref name="tier"/></c> gets for <paramref name="change"/>: MODIFIED becomes ADDED
    /// when the object starts matching and DELETED when it stops; null when it never matched.
    /// </summary>
    public string? EventFor(ApiChange change, string? tier)
    {
        if (tier is null)
        {
            return change.Type;
        }
        var was = VersionAt(change.Key, change.Rv - 1) is { } before && TierAt(change.Key, before) == tier;
        var now = change.Type != "DELETED" && change.Tier == tier;
        return (was, now) switch { (false, true) => "ADDED", (true, true) => "MODIFIED", (true, false) => "DELETED", _ => null };
    }

    /// <summary>The object's version as of <paramref name="rv"/>, or null when it did not exist then.</summary>
    public long? VersionAt(string key, long rv)
    {
        long? version = _start.TryGetValue(key, out var v) ? v : null;
        foreach (var change in _byKey.GetValueOrDefault(key) ?? [])
        {
            if (change.Rv > rv)
            {
                break;
            }
            version = change.Type == "DELETED" ? null : change.Rv;
        }
        return version;
    }

    /// <summary>The object's changes after <paramref name="rv"/>.</summary>
    public IEnumerable<ApiChange> After(string key, long rv) => (_byKey.GetValueOrDefault(key) ?? []).Where(c => c.Rv > rv);

    /// <summary>A reader of the state that moves forward through the log (resets when asked for an earlier version).</summary>
    public Cursor Walk() => new(this);

    internal sealed class Cursor(Timeline timeline)
    {
        private Dictionary<string, long> _state = new(timeline._start, StringComparer.Ordinal);
        private int _next;
        private long _rv = long.MinValue;

        public IReadOnlyDictionary<string, long> StateAt(long rv)
        {
            if (rv < _rv)
            {
                _state = new Dictionary<string, long>(timeline._start, StringComparer.Ordinal);
                _next = 0;
            }
            _rv = rv;
            var changes = timeline.Changes;
            while (_next < changes.Count && changes[_next].Rv <= rv)
            {
                var change = changes[_next++];
                if (change.Type == "DELETED")
                {
                    _state.Remove(change.Key);
                }
                else
                {
                    _state[change.Key] = change.Rv;
                }
            }
            return _state;
        }
    }
}
