namespace KubeRpc.Server.Grpc.Errors;

/// <summary>What an RPC was about, for error details: kind, namespace and name.</summary>
/// <param name="Kind">Kubernetes kind, e.g. <c>Service</c>.</param>
/// <param name="ResourceType">The resource type for ResourceInfo, e.g. <c>v1/services</c>.</param>
internal sealed record ResourceTarget(string Kind, string ResourceType, string? Namespace, string? Name)
{
    /// <summary><c>namespace/name</c>, or the name alone.</summary>
    public string QualifiedName => string.IsNullOrEmpty(Namespace) ? Name ?? "" : $"{Namespace}/{Name}";
}
