namespace KubeRpc.Server.Grpc;

/// <summary>
/// Bounds on what a request may carry (configuration section <c>Limits</c>). Where Kubernetes has a limit it is used:
/// nothing within these bounds is refused that the API server would accept.
/// </summary>
internal sealed class RequestLimits
{
    public const string SectionName = "Limits";

    /// <summary>kube-apiserver's limit on a request body (<c>MaxRequestBodyBytes</c>, 3 MiB).</summary>
    public const int KubernetesRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The largest request message, which is also gRPC's maximum receive message size. A write's JSON body is larger
    /// than its protobuf message, so a message above kube-apiserver's body limit can never succeed.
    /// </summary>
    public int MaxRequestBytes { get; set; } = KubernetesRequestBodyBytes;

    /// <summary>The longest label or field selector; Kubernetes sets none, a URL's practical limit is near this.</summary>
    public int MaxSelectorLength { get; set; } = 16 * 1024;

    /// <summary>The most requirements (comma-separated terms) in a label or field selector.</summary>
    public int MaxSelectorRequirements { get; set; } = 100;

    /// <summary>The deepest nesting of a patch document; a Service or Ingress is about 10 levels deep.</summary>
    public int MaxPatchDepth { get; set; } = 64;

    /// <summary>What is wrong with these limits; empty when they are usable.</summary>
    internal IEnumerable<string> Errors()
    {
        if (MaxRequestBytes is < 64 * 1024)
        {
            yield return $"{SectionName}:{nameof(MaxRequestBytes)} must be at least 65536, got {MaxRequestBytes}";
        }
        if (MaxSelectorLength < 64)
        {
            yield return $"{SectionName}:{nameof(MaxSelectorLength)} must be at least 64, got {MaxSelectorLength}";
        }
        if (MaxSelectorRequirements < 1)
        {
            yield return $"{SectionName}:{nameof(MaxSelectorRequirements)} must be at least 1, got {MaxSelectorRequirements}";
        }
        if (MaxPatchDepth is < 16 or > 512)
        {
            yield return $"{SectionName}:{nameof(MaxPatchDepth)} must be between 16 and 512, got {MaxPatchDepth}";
        }
    }
}
