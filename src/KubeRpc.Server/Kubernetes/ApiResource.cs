namespace KubeRpc.Server.Kubernetes;

/// <summary>A Kubernetes resource as its URLs and messages name it.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">The resource in URLs, e.g. <c>services</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Service</c>.</param>
/// <param name="DeleteReturnsObject">
/// Whether a DELETE answers with the deleted object (Services) rather than a Success Status (Ingresses), as
/// kube-apiserver's <c>ReturnDeletedObject</c> decides per kind.
/// </param>
internal sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool DeleteReturnsObject)
{
    /// <summary>As Kubernetes names the resource in messages: <c>services</c>, <c>ingresses.networking.k8s.io</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>For ResourceInfo details: <c>v1/services</c>, <c>networking.k8s.io/v1/ingresses</c>.</summary>
    public string ResourceType => Group.Length == 0 ? $"{Version}/{Plural}" : $"{Group}/{Version}/{Plural}";

    /// <summary>The path prefix of the group version: <c>api/v1</c> or <c>apis/{group}/{version}</c>.</summary>
    internal string Prefix => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
}
