using System.Net;

namespace KubeRpc.Machinery.Validation;

/// <summary>
/// The IP parsing Kubernetes validates with: <c>k8s.io/utils/net</c> <c>ParseIPSloppy</c>/<c>ParseCIDRSloppy</c>, i.e.
/// Go 1.16's <c>net.ParseIP</c> (IPv4 parts may have leading zeros, read as decimal; no zones; no brackets).
/// .NET's <see cref="IPAddress.TryParse(string, out IPAddress)"/> accepts far more ("1", "1.2.3", "::1%eth0").
/// Addresses are 16 bytes; IPv4 is stored IPv4-mapped, as Go stores it.
/// </summary>
public static class GoIp
{
    private const int Big = 0xFFFFFF;

    /// <summary>Parses like Go's <c>ParseIP</c>; null when invalid.</summary>
    public static byte[]? ParseIp(string s)
    {
        foreach (var c in s)
        {
            if (c == '.')
            {
                return ParseIPv4(s);
            }
            if (c == ':')
            {
                return ParseIPv6(s);
            }
        }
        return null;
    }

    /// <summary>Go's <c>ip.To4() != nil</c>: plain or IPv4-mapped IPv4.</summary>
    public static bool IsIPv4(byte[] ip)
    {
        for (var i = 0; i < 10; i++)
        {
            if (ip[i] != 0)
            {
                return false;
            }
        }
        return ip[10] == 0xff && ip[11] == 0xff;
    }

    /// <summary>Parses like <c>ParseCIDRSloppy</c>: the address as written, and the prefix length in bits.</summary>
    public static (byte[] Ip, int Prefix, int Bits)? ParseCidr(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }
        var addr = s[..slash];
        var mask = s[(slash + 1)..];
        var bits = 32;
        var ip = ParseIPv4(addr);
        if (ip is null)
        {
            bits = 128;
            ip = ParseIPv6(addr);
        }
        var (n, used, ok) = Dtoi(mask, 0);
        if (ip is null || !ok || used != mask.Length || n > bits)
        {
            return null;
        }
        return (ip, n, bits);
    }

    /// <summary>Go's <c>IP.String()</c>: dotted quad for IPv4 (mapped or not), RFC 5952 for IPv6.</summary>
    public static string Format(byte[] ip) => IsIPv4(ip)
        ? $"{ip[12]}.{ip[13]}.{ip[14]}.{ip[15]}"
        : new IPAddress(ip).ToString();

    private static byte[]? ParseIPv4(string s)
    {
        var ip = new byte[16];
        ip[10] = 0xff;
        ip[11] = 0xff;
        var pos = 0;
        for (var i = 0; i < 4; i++)
        {
            if (pos >= s.Length)
            {
                return null;
            }
            if (i > 0)
            {
                if (s[pos] != '.')
                {
                    return null;
                }
                pos++;
            }
            var (n, next, ok) = Dtoi(s, pos);
            if (!ok || n > 0xFF)
            {
                return null;
            }
            pos = next;
            ip[12 + i] = (byte)n;
        }
        return pos == s.Length ? ip : null;
    }

    private static byte[]? ParseIPv6(string s)
    {
        var ip = new byte[16];
        var ellipsis = -1;
        var pos = 0;
        if (s.Length >= 2 && s[0] == ':' && s[1] == ':')
        {
            ellipsis = 0;
            pos = 2;
            if (pos == s.Length)
            {
                return ip;
            }
        }
        var i = 0;
        while (i < 16)
        {
            var (n, next, ok) = Xtoi(s, pos);
            if (!ok || n > 0xFFFF)
            {
                return null;
            }
            if (next < s.Length && s[next] == '.')
            {
                // A trailing IPv4 part: only where exactly four bytes remain (or an ellipsis can make room).
                if ((ellipsis < 0 && i != 12) || i + 4 > 16)
                {
                    return null;
                }
                var ip4 = ParseIPv4(s[pos..]);
                if (ip4 is null)
                {
                    return null;
                }
                Array.Copy(ip4, 12, ip, i, 4);
                pos = s.Length;
                i += 4;
                break;
            }
            ip[i] = (byte)(n >> 8);
            ip[i + 1] = (byte)n;
            i += 2;
            pos = next;
            if (pos == s.Length)
            {
                break;
            }
            if (s[pos] != ':' || pos + 1 == s.Length)
            {
                return null;
            }
            pos++;
            if (s[pos] == ':')
            {
                if (ellipsis >= 0)
                {
                    return null;
                }
                ellipsis = i;
                pos++;
                if (pos == s.Length)
                {
                    break;
                }
            }
        }
        if (pos != s.Length)
        {
            return null;
        }
        if (i < 16)
        {
            if (ellipsis < 0)
            {
                return null;
            }
            var shift = 16 - i;
            for (var j = i - 1; j >= ellipsis; j--)
            {
                ip[j + shift] = ip[j];
            }
            for (var j = ellipsis + shift - 1; j >= ellipsis; j--)
            {
                ip[j] = 0;
            }
        }
        else if (ellipsis >= 0)
        {
            // "::" must stand for at least one zero group.
            return null;
        }
        return ip;
    }

    private static (int N, int Next, bool Ok) Dtoi(string s, int start)
    {
        var n = 0;
        var i = start;
        for (; i < s.Length && s[i] is >= '0' and <= '9'; i++)
        {
            n = n * 10 + (s[i] - '0');
            if (n >= Big)
            {
                return (Big, i, false);
            }
        }
        return (n, i, i != start);
    }

    private static (int N, int Next, bool Ok) Xtoi(string s, int start)
    {
        var n = 0;
        var i = start;
        for (; i < s.Length && Uri.IsHexDigit(s[i]); i++)
        {
            n = n * 16 + Convert.ToInt32(s[i].ToString(), 16);
            if (n >= Big)
            {
                return (0, i, false);
            }
        }
        return (n, i, i != start);
    }
}
