namespace KubeRpc.Server.Kubernetes;

/// <summary>The subresources KubeRpc writes: a closed set, so no input can name another.</summary>
internal enum Subresource
{
    /// <summary>The object itself.</summary>
    None,

    /// <summary><c>/status</c>.</summary>
    Status,
}
