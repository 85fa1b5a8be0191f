namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// The node ports one request has picked (Go's <c>PortAllocationOperation</c>), so two ports of one Service never
/// get the same value. Nothing is reserved in the pool: the commit does that.
/// </summary>
public sealed class NodePortOperation
{
    /// <summary>portallocator's <c>ErrAllocated</c>.</summary>
    public const string AlreadyAllocated = "provided port is already allocated";

    private readonly NodePortAllocator _allocator;
    private readonly bool _dryRun;
    private readonly HashSet<int> _picked = [];

    internal NodePortOperation(NodePortAllocator allocator, bool dryRun)
    {
        _allocator = allocator;
        _dryRun = dryRun;
    }

    /// <summary>The ports this operation has taken.</summary>
    public IReadOnlySet<int> Picked => _picked;

    /// <summary>
    /// Takes a user-requested port; returns the error text or null. A dry run only asks whether the port is
    /// taken, so an out-of-range port passes there, exactly as in kube-apiserver (<c>op.allocator.Has</c>).
    /// </summary>
    public string? Allocate(int port)
    {
        if (!_dryRun && (port < _allocator.First || port > _allocator.Last))
        {
            return $"provided port is not in the valid range. The range of valid ports is {_allocator.Range}";
        }
        if (_allocator.IsAllocated(port) || !_picked.Add(port))
        {
            return AlreadyAllocated;
        }
        return null;
    }

    /// <summary>
    /// Takes any free port, or returns null when the range is full. A dry run answers dummy values above the
    /// highest port it has taken (32769, 32770, ... when it has taken none), exactly as Go's operation does.
    /// </summary>
    public int? AllocateNext()
    {
        if (_dryRun)
        {
            var last = _picked.Count == 0 ? 32768 : _picked.Max();
            // Go only probes below 100, which matters when a user asked for a tiny (invalid) port first.
            for (var candidate = last + 1; candidate < 100; candidate++)
            {
                if (Allocate(candidate) is null)
                {
                    return candidate;
                }
            }
            _picked.Add(last + 1);
            return last + 1;
        }
        var port = _allocator.PickNext(_picked);
        if (port is { } p)
        {
            _picked.Add(p);
        }
        return port;
    }
}
