namespace KubeRpc.Server.Caching;

/// <summary>
/// The snapshots that unfinished cached listings are walking, so every page of a listing comes from the state its
/// first page showed and reports that state's version (a List at V returns exactly the state a Watch from V continues
/// from). Snapshots share structure, so holding one costs only what has changed since. Bounded: at most
/// <paramref name="capacity"/> are held (the least recently used goes first), each for <paramref name="retention"/>
/// after its last page (listings of one snapshot share it, so none lets it go early); a listing whose snapshot is gone
/// is told to list again, as kube-apiserver answers 410 to a continue token older than its compaction. Thread-safe.
/// </summary>
internal sealed class PinnedSnapshots<TProto>(int capacity, TimeSpan retention, TimeProvider time) where TProto : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Pin> _pins = [];
    // Ids start at a random point, so a token carried to another replica does not name one of its snapshots.
    private long _nextId = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private Pin? _newest;

    public int Count
    {
        get { lock (_lock) { return _pins.Count; } }
    }

    /// <summary>Holds <paramref name="snapshot"/> for the next pages and returns its id; listings of one snapshot share an id.</summary>
    public long Hold(StoreSnapshot<TProto> snapshot)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_newest is { } newest && ReferenceEquals(newest.Snapshot, snapshot) && _pins.ContainsKey(newest.Id))
            {
                newest.LastUsed = now;
                return newest.Id;
            }
            DropExpired(now);
            while (_pins.Count >= capacity)
            {
                _pins.Remove(_pins.Values.MinBy(p => p.LastUsed)!.Id);
            }
            var pin = new Pin(++_nextId, snapshot) { LastUsed = now };
            _pins.Add(pin.Id, pin);
            _newest = pin;
            return pin.Id;
        }
    }

    /// <summary>The snapshot held under <paramref name="id"/>, or null when it was let go (too old, or crowded out).</summary>
    public StoreSnapshot<TProto>? Find(long id)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_pins.TryGetValue(id, out var pin) || now - pin.LastUsed > retention)
            {
                _pins.Remove(id);
                return null;
            }
            pin.LastUsed = now;
            return pin.Snapshot;
        }
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var pin in _pins.Values.Where(p => now - p.LastUsed > retention).ToList())
        {
            _pins.Remove(pin.Id);
        }
    }

    private sealed class Pin(long id, StoreSnapshot<TProto> snapshot)
    {
        public long Id { get; } = id;

        public StoreSnapshot<TProto> Snapshot { get; } = snapshot;

        public DateTimeOffset LastUsed { get; set; }
    }
}
