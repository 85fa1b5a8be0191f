using System.Globalization;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// The Service cluster-IP pool (kube-apiserver's bitmap <c>ipallocator.Range</c> for <c>--service-cluster-ip-range</c>),
/// IPv4 only. What is allocated is derived from committed Services: <see cref="Reserve"/> and <see cref="Release"/>
/// are driven by <see cref="ServiceStrategy.OnCommitted"/>; picking a value never reserves it, so a dry run or a
/// rejected write leaves the pool untouched.
/// </summary>
/// <remarks>
/// Like the real allocator (ServiceIPStaticSubrange, GA 1.26) a free IP is picked at random, preferring the upper
/// part of the range and leaving the first <c>min(max(16, size/16), 256)</c> addresses to users who ask for a
/// specific IP. The network and broadcast addresses are outside the range. All members are thread-safe.
/// </remarks>
public sealed class ClusterIpAllocator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, string> _owners = [];
    private readonly Random _random;
    private readonly uint _base;
    private readonly uint _max;
    private readonly uint _staticBand;

    /// <param name="cidr">The service CIDR; the emulator uses 10.96.0.0/12 (first IP 10.96.0.1 for default/kubernetes).</param>
    /// <param name="random">The source of randomness; pass a seeded one for reproducible tests.</param>
    public ClusterIpAllocator(string cidr = "10.96.0.0/12", Random? random = null)
    {
        if (GoIp.ParseCidr(cidr) is not { } parsed || !GoIp.IsIPv4(parsed.Ip) || parsed.Prefix > 30)
        {
            throw new ArgumentException("an IPv4 CIDR of at most /30 is required", nameof(cidr));
        }
        var size = 1UL << (32 - parsed.Prefix);
        var network = ToUInt(parsed.Ip) & (uint)~(size - 1);
        NetworkAddress = GoIp.Format(FromUInt(network));
        Cidr = NetworkAddress + "/" + parsed.Prefix.ToString(CultureInfo.InvariantCulture);
        _base = network + 1;
        _max = (uint)(size - 2);
        _staticBand = (uint)Math.Min(Math.Max(16UL, size / 16), 256UL);
        _random = random ?? Random.Shared;
    }

    /// <summary>The range as kube-apiserver prints it, e.g. <c>10.96.0.0/12</c>.</summary>
    public string Cidr { get; }

    /// <summary>The range's network address (10.96.0.0), which is what a dry run "allocates".</summary>
    public string NetworkAddress { get; }

    /// <summary>How many IPs committed Services hold.</summary>
    public int Count
    {
        get { lock (_lock) { return _owners.Count; } }
    }

    /// <summary>True when <paramref name="ip"/> is held by a committed Service.</summary>
    public bool IsAllocated(string ip)
    {
        lock (_lock)
        {
            return Offset(ip) is { } offset && _owners.ContainsKey(offset);
        }
    }

    /// <summary>
    /// Checks a user-requested IP as <c>Range.allocate</c> does and returns the error text, or null when it may be
    /// used. A dry run checks only the range, as the real allocator does.
    /// </summary>
    public string? Check(string ip, bool dryRun)
    {
        lock (_lock)
        {
            if (Offset(ip) is not { } offset)
            {
                var shown = GoIp.ParseIp(ip) is { } parsed ? GoIp.Format(parsed) : ip;
                return $"the provided IP ({shown}) is not in the valid range. The range of valid IPs is {Cidr}";
            }
            return !dryRun && _owners.ContainsKey(offset) ? "provided IP is already allocated" : null;
        }
    }

    /// <summary>
    /// Picks a free IP at random (upper band first), or null when the range is full. A dry run does not look for a
    /// free value and answers the network address, as kube-apiserver's <c>allocateNext(dryRun)</c> does.
    /// </summary>
    public string? PickNext(bool dryRun)
    {
        if (dryRun)
        {
            return NetworkAddress;
        }
        lock (_lock)
        {
            var offset = Scan(_staticBand, _max) ?? Scan(0, Math.Min(_staticBand, _max));
            return offset is { } o ? GoIp.Format(FromUInt(_base + o)) : null;
        }
    }

    /// <summary>Marks <paramref name="ip"/> as held by <paramref name="owner"/> (ignored when out of range).</summary>
    public void Reserve(string ip, string owner)
    {
        lock (_lock)
        {
            if (Offset(ip) is { } offset)
            {
                _owners[offset] = owner;
            }
        }
    }

    /// <summary>Frees <paramref name="ip"/> if <paramref name="owner"/> holds it.</summary>
    public void Release(string ip, string owner)
    {
        lock (_lock)
        {
            if (Offset(ip) is { } offset && _owners.TryGetValue(offset, out var holder) && holder == owner)
            {
                _owners.Remove(offset);
            }
        }
    }

    private uint? Scan(uint from, uint to)
    {
        if (to <= from)
        {
            return null;
        }
        var span = to - from;
        var start = (uint)_random.NextInt64(span);
        for (uint i = 0; i < span; i++)
        {
            var candidate = from + ((start + i) % span);
            if (!_owners.ContainsKey(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private uint? Offset(string ip)
    {
        if (GoIp.ParseIp(ip) is not { } parsed || !GoIp.IsIPv4(parsed))
        {
            return null;
        }
        var value = ToUInt(parsed);
        return value >= _base && value - _base < _max ? value - _base : null;
    }

    private static uint ToUInt(byte[] ip) => (uint)(ip[12] << 24 | ip[13] << 16 | ip[14] << 8 | ip[15]);

    private static byte[] FromUInt(uint value)
    {
        var ip = new byte[16];
        ip[10] = 0xff;
        ip[11] = 0xff;
        ip[12] = (byte)(value >> 24);
        ip[13] = (byte)(value >> 16);
        ip[14] = (byte)(value >> 8);
        ip[15] = (byte)value;
        return ip;
    }
}
