namespace KubeRpc.Emulator.Http;

/// <summary>
/// Who the emulator treats as its admin when a request carries no credentials. The in-process handler's caller always;
/// a caller over HTTP only when nothing suggests a web page is sending the request in its user's name:
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>it comes from a loopback address;</item>
/// <item>its <c>Host</c> is a loopback host (<c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c>, any port), the check
/// <c>kubectl proxy --accept-hosts</c> makes: a page whose own name resolves to 127.0.0.1 (DNS rebinding) still
/// sends its name;</item>
/// <item>no browser marks it cross-site: no <c>Sec-Fetch-Site: cross-site</c>, and no <c>Origin</c> or one whose host is
/// the <c>Host</c>'s (any port; <c>Origin: null</c> is cross-site). A form or <c>text/plain</c> POST needs no CORS
/// preflight, so without this any page could write to the cluster or arm a fault.</item>
/// </list>
/// Everyone else is <c>system:anonymous</c>, whom RBAC lets read only what the default policy grants
/// <c>system:unauthenticated</c> (<c>/version</c> and the health endpoints), as kube-apiserver does. The rule applies to
/// requests without credentials only: one with a bearer token is judged by its token
/// (Auth/Authentication/RequestAuthenticator.cs).
/// </remarks>
internal static class LocalAdminRule
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static bool Admits(ApiRequest request) =>
        !request.OverNetwork
        || (request.IsLoopback
            && HostOf(request.Host) is { } host && LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
            && !string.Equals(request.SecFetchSite, "cross-site", StringComparison.OrdinalIgnoreCase)
            && (request.Origin is null || string.Equals(OriginHost(request.Origin), host, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The host of <c>host[:port]</c> (an IPv6 address keeps its brackets); null when malformed.</summary>
    private static string? HostOf(string? hostAndPort)
    {
        if (string.IsNullOrEmpty(hostAndPort))
        {
            return null;
        }

        var colon = hostAndPort.LastIndexOf(':');
        if (colon < 0 || hostAndPort.EndsWith(']'))
        {
            return hostAndPort;
        }

        var port = hostAndPort.AsSpan(colon + 1);
        return port.Length > 0 && port.Length <= 5 && !port.ContainsAnyExceptInRange('0', '9') ? hostAndPort[..colon] : null;
    }

    /// <summary>The host of a serialized origin, <c>scheme://host[:port]</c>; null for <c>null</c> or anything else.</summary>
    private static string? OriginHost(string origin)
    {
        var separator = origin.IndexOf("://", StringComparison.Ordinal);
        return separator <= 0 || origin.AsSpan(separator + 3).Contains('/') ? null : HostOf(origin[(separator + 3)..]);
    }
}
