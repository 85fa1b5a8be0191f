namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// The Service node-port pool (<c>--service-node-port-range</c>, default 30000-32767), shared by
/// <c>spec.ports[].nodePort</c> and <c>spec.healthCheckNodePort</c>. What is allocated is derived from committed
/// Services (<see cref="Reserve"/>/<see cref="Release"/> via <see cref="ServiceStrategy.OnCommitted"/>); a request
/// picks values through a <see cref="NodePortOperation"/>, which never reserves anything.
/// </summary>
/// <remarks>
/// Free ports are picked at random, preferring the range above its first <c>min(max(16, size/32), 128)</c> ports
/// (ServiceNodePortStaticSubrange, GA 1.29), as the real allocator does. All members are thread-safe.
/// </remarks>
public sealed class NodePortAllocator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _owners = [];
    private readonly Random _random;
    private readonly int _staticBand;

    public NodePortAllocator(int first = 30000, int last = 32767, Random? random = null)
    {
        if (first < 1 || last > 65535 || last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), "the node port range must lie within 1-65535");
        }
        First = first;
        Last = last;
        var size = last - first + 1;
        _staticBand = size <= 16 ? 0 : Math.Min(Math.Max(16, size / 32), 128);
        _random = random ?? Random.Shared;
    }

    public int First { get; }

    public int Last { get; }

    /// <summary>The range as the errors print it: <c>30000-32767</c>.</summary>
    public string Range => $"{First}-{Last}";

    /// <summary>How many ports committed Services hold.</summary>
    public int Count
    {
        get { lock (_lock) { return _owners.Count; } }
    }

    /// <summary>True when a committed Service holds <paramref name="port"/>.</summary>
    public bool IsAllocated(int port)
    {
        lock (_lock)
        {
            return _owners.ContainsKey(port);
        }
    }

    /// <summary>Begins one request's picks (Go's <c>portallocator.StartOperation</c>).</summary>
    public NodePortOperation StartOperation(bool dryRun) => new(this, dryRun);

    /// <summary>Marks <paramref name="port"/> as held by <paramref name="owner"/> (ignored when out of range).</summary>
    public void Reserve(int port, string owner)
    {
        lock (_lock)
        {
            if (port >= First && port <= Last)
            {
                _owners[port] = owner;
            }
        }
    }

    /// <summary>Frees <paramref name="port"/> if <paramref name="owner"/> holds it.</summary>
    public void Release(int port, string owner)
    {
        lock (_lock)
        {
            if (_owners.TryGetValue(port, out var holder) && holder == owner)
            {
                _owners.Remove(port);
            }
        }
    }

    internal int? PickNext(IReadOnlySet<int> taken)
    {
        lock (_lock)
        {
            return Scan(First + _staticBand, Last + 1, taken) ?? Scan(First, First + _staticBand, taken);
        }
    }

    private int? Scan(int from, int to, IReadOnlySet<int> taken)
    {
        var span = to - from;
        if (span <= 0)
        {
            return null;
        }
        var start = _random.Next(span);
        for (var i = 0; i < span; i++)
        {
            var candidate = from + ((start + i) % span);
            if (!_owners.ContainsKey(candidate) && !taken.Contains(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
