using System.Globalization;

namespace KubeRpc.Emulator.Discovery;

/// <summary>
/// Decides from an <c>Accept</c> header whether <c>GET /api</c> or <c>GET /apis</c> should answer with aggregated
/// discovery, and with which content type. kubectl sends
/// <c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json</c>;
/// python, JS and C# send plain JSON types and get the legacy bodies. client-go takes the aggregated path only
/// when the reply's <c>Content-Type</c> carries these <c>g</c>/<c>v</c>/<c>as</c> parameters
/// (client-go <c>discovery/discovery_client.go</c>), so the reply must use <see cref="ContentType"/>.
/// </summary>
public static class AggregatedDiscoveryNegotiation
{
    private const string Group = "apidiscovery.k8s.io";
    private const string ListKind = "APIGroupDiscoveryList";

    /// <summary>
    /// The aggregated version the header asks for, or null for the legacy bodies. Only JSON is served, so
    /// protobuf ranges are ignored; among matching ranges the highest <c>q</c> wins, then the earliest.
    /// </summary>
    public static AggregatedDiscoveryVersion? Select(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return null;
        }
        AggregatedDiscoveryVersion? best = null;
        var bestQuality = 0.0;
        foreach (var range in accept.Split(','))
        {
            if (Parse(range) is { } candidate && candidate.Quality > bestQuality)
            {
                best = candidate.Version;
                bestQuality = candidate.Quality;
            }
        }
        return best;
    }

    /// <summary><c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList</c> (or <c>v=v2beta1</c>).</summary>
    public static string ContentType(AggregatedDiscoveryVersion version) =>
        $"application/json;g={Group};v={VersionName(version)};as={ListKind}";

    /// <summary>The body's <c>apiVersion</c>: <c>apidiscovery.k8s.io/v2</c> or <c>apidiscovery.k8s.io/v2beta1</c>.</summary>
    public static string ApiVersion(AggregatedDiscoveryVersion version) => Group + "/" + VersionName(version);

    private static string VersionName(AggregatedDiscoveryVersion version) => version == AggregatedDiscoveryVersion.V2 ? "v2" : "v2beta1";

    private static (AggregatedDiscoveryVersion Version, double Quality)? Parse(string range)
    {
        var parts = range.Split(';');
        if (!string.Equals(parts[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string? group = null, version = null, kind = null;
        var quality = 1.0;
        foreach (var parameter in parts.Skip(1))
        {
            var separator = parameter.IndexOf('=', StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }
            var key = parameter[..separator].Trim().ToLowerInvariant();
            var value = parameter[(separator + 1)..].Trim().Trim('"');
            switch (key)
            {
                case "g": group = value; break;
                case "v": version = value; break;
                case "as": kind = value; break;
                case "q" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q): quality = q; break;
            }
        }
        if (group != Group || kind != ListKind || quality <= 0)
        {
            return null;
        }
        return version switch
        {
            "v2" => (AggregatedDiscoveryVersion.V2, quality),
            "v2beta1" => (AggregatedDiscoveryVersion.V2Beta1, quality),
            _ => null,
        };
    }
}
