namespace KubeRpc.Machinery.Validation;

public static partial class NameValidation
{
    /// <summary>Any IPv4 or IPv6 address, parsed as Kubernetes parses it (<c>ip.go IsValidIP</c>).</summary>
    public static IReadOnlyList<string> IsValidIP(string value) =>
        GoIp.ParseIp(value) is null ? ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"] : [];

    /// <summary>An IPv4 address (IPv4-mapped IPv6 counts, as Go's <c>To4()</c> does).</summary>
    public static IReadOnlyList<string> IsValidIPv4Address(string value) =>
        GoIp.ParseIp(value) is { } ip && GoIp.IsIPv4(ip) ? [] : ["must be a valid IPv4 address"];

    /// <summary>An IPv6 address that is not IPv4-mapped.</summary>
    public static IReadOnlyList<string> IsValidIPv6Address(string value) =>
        GoIp.ParseIp(value) is { } ip && !GoIp.IsIPv4(ip) ? [] : ["must be a valid IPv6 address"];

    /// <summary>A CIDR such as <c>10.9.8.0/24</c> (<c>ip.go IsValidCIDR</c>).</summary>
    public static IReadOnlyList<string> IsValidCIDR(string value) =>
        GoIp.ParseCidr(value) is null ? ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"] : [];

    /// <summary>True for an address Kubernetes parses as IPv6 (<c>netutils.IsIPv6String</c>).</summary>
    public static bool IsIPv6String(string value) => GoIp.ParseIp(value) is { } ip && !GoIp.IsIPv4(ip);

    /// <summary>True for an address Kubernetes parses as IPv4 (<c>netutils.IsIPv4String</c>).</summary>
    public static bool IsIPv4String(string value) => GoIp.ParseIp(value) is { } ip && GoIp.IsIPv4(ip);
}
