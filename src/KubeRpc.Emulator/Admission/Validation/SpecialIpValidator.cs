using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>
/// k/k's <c>ValidateNonSpecialIP</c> (external IPs, Endpoints): no unspecified, loopback or link-local addresses.
/// The address classes follow Go's <c>net.IP</c> methods, which treat IPv4-mapped IPv6 as IPv4.
/// </summary>
public static class SpecialIpValidator
{
    public static List<FieldError> ValidateNonSpecialIP(string ipAddress, FieldPath path)
    {
        if (GoIp.ParseIp(ipAddress) is not { } ip)
        {
            return [FieldError.Invalid(path, ipAddress, "must be a valid IP address")];
        }
        var errs = new List<FieldError>();
        var v4 = GoIp.IsIPv4(ip);
        if (ip.Skip(v4 ? 12 : 0).All(b => b == 0))
        {
            errs.Add(FieldError.Invalid(path, ipAddress, $"may not be unspecified ({ipAddress})"));
        }
        if (v4 ? ip[12] == 127 : ip.Take(15).All(b => b == 0) && ip[15] == 1)
        {
            errs.Add(FieldError.Invalid(path, ipAddress, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (v4 ? ip[12] == 169 && ip[13] == 254 : ip[0] == 0xfe && (ip[1] & 0xc0) == 0x80)
        {
            errs.Add(FieldError.Invalid(path, ipAddress, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (v4 ? ip[12] == 224 && ip[13] == 0 && ip[14] == 0 : ip[0] == 0xff && (ip[1] & 0x0f) == 0x02)
        {
            errs.Add(FieldError.Invalid(path, ipAddress, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errs;
    }
}
