using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// Hands out unique IPv4 addresses of the pod CIDR (<see cref="EmulatorOptions.PodCidr"/>), lowest free first, without
/// the network and broadcast addresses, and takes them back when a pod goes.
/// </summary>
internal sealed class PodIpAllocator
{
    private readonly uint _first;
    private readonly uint _last;
    private readonly HashSet<uint> _used = [];
    private readonly Lock _lock = new();

    public PodIpAllocator(string cidr)
    {
        var network = IPNetwork.Parse(cidr);
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork || network.PrefixLength > 30)
        {
            throw new ArgumentException($"PodCidr {cidr}: an IPv4 range of at least four addresses is needed", nameof(cidr));
        }
        var size = 1u << (32 - network.PrefixLength);
        var baseAddress = BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        _first = baseAddress + 1;
        _last = baseAddress + size - 2;
    }

    /// <summary>True when <paramref name="ip"/> lies in the range this allocator serves.</summary>
    public bool Contains(string ip) => ToUInt(ip) is { } value && value >= _first && value <= _last;

    /// <summary>The lowest free address, or null when the range is used up.</summary>
    public string? Allocate()
    {
        lock (_lock)
        {
            for (var value = _first; value <= _last; value++)
            {
                if (_used.Add(value))
                {
                    return ToString(value);
                }
            }
            return null;
        }
    }

    /// <summary>Marks an address as taken (a pod that came with one); false when it already was.</summary>
    public bool Reserve(string ip)
    {
        lock (_lock)
        {
            return ToUInt(ip) is { } value && _used.Add(value);
        }
    }

    public void Release(string ip)
    {
        lock (_lock)
        {
            if (ToUInt(ip) is { } value)
            {
                _used.Remove(value);
            }
        }
    }

    private static uint? ToUInt(string ip) =>
        IPAddress.TryParse(ip, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            ? BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())
            : null;

    private static string ToString(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }
}
