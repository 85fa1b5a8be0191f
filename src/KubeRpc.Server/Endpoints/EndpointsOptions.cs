using KubeRpc.Machinery.Validation;

namespace KubeRpc.Server.Endpoints;

/// <summary>How Service endpoints are described to clients (configuration section <c>Endpoints</c>).</summary>
internal sealed class EndpointsOptions
{
    public const string SectionName = "Endpoints";

    /// <summary>The cluster's DNS domain, the suffix of every Service's DNS name (kubelet's <c>--cluster-domain</c>).</summary>
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>What is wrong with these options; empty when valid.</summary>
    internal IEnumerable<string> Errors()
    {
        if (NameValidation.IsDns1123Subdomain(ClusterDomain ?? "") is { Count: > 0 } problems)
        {
            yield return $"{SectionName}:{nameof(ClusterDomain)}: \"{ClusterDomain}\" is not a DNS subdomain: {string.Join("; ", problems)}";
        }
    }
}
