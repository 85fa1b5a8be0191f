namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// A request path below the API root, e.g. <c>api/v1/namespaces/default/services/web/status</c>. Only the factories
/// here make one: every namespace and name passes <see cref="PathSegments"/> and is escaped as one segment, and the
/// subresource comes from a closed set. <see cref="ApiTransport"/> takes nothing else, so no input can change the
/// resource, subresource or query a request addresses.
/// </summary>
internal sealed class ApiPath
{
    private ApiPath(string relative) => Relative = relative;

    /// <summary>The escaped path, without a leading slash.</summary>
    public string Relative { get; }

    /// <summary>A collection: of one namespace, or of all namespaces when <paramref name="namespace"/> is null or empty.</summary>
    public static ApiPath Collection(ApiResource resource, string? @namespace) =>
        string.IsNullOrEmpty(@namespace)
            ? new($"{resource.Prefix}/{resource.Plural}")
            : new($"{resource.Prefix}/namespaces/{Segment("namespace", @namespace, PathSegments.MaxNamespaceLength)}/{resource.Plural}");

    /// <summary>One object, or its subresource.</summary>
    public static ApiPath Item(ApiResource resource, string @namespace, string name, Subresource subresource = Subresource.None)
    {
        var path = $"{resource.Prefix}/namespaces/{Segment("namespace", @namespace, PathSegments.MaxNamespaceLength)}/{resource.Plural}/" +
            Segment("name", name, PathSegments.MaxNameLength);
        return new(subresource == Subresource.Status ? path + "/status" : path);
    }

    public override string ToString() => Relative;

    private static string Segment(string what, string value, int maxLength) =>
        PathSegments.Problems(value, maxLength) is { Count: > 0 } problems
            ? throw new InvalidPathSegmentException(what, problems)
            // Escapes '#', '?' and everything else outside the unreserved set, so a name stays one segment.
            : Uri.EscapeDataString(value);
}
