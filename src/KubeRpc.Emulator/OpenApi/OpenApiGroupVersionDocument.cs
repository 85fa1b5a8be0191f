namespace KubeRpc.Emulator.OpenApi;

/// <summary>One served OpenAPI v3 document: the body of <c>GET /openapi/v3/{Path}</c>.</summary>
/// <param name="Path">The key in the index, e.g. <c>api/v1</c> or <c>apis/networking.k8s.io/v1</c>.</param>
/// <param name="Hash">SHA-512 of <paramref name="Json"/> in upper-case hex, as kube-openapi computes its ETag.</param>
/// <param name="Json">The compact UTF-8 JSON document; shared, do not modify.</param>
public sealed record OpenApiGroupVersionDocument(string Path, string Hash, byte[] Json)
{
    /// <summary><c>/openapi/v3/api/v1?hash=…</c>: the URL the index advertises for this document.</summary>
    public string ServerRelativeUrl => "/openapi/v3/" + Path + "?hash=" + Hash;

    /// <summary>The quoted <c>ETag</c> header value.</summary>
    public string ETag => "\"" + Hash + "\"";
}
