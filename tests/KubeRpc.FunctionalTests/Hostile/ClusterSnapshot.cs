using k8s;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>Every object of the embedded cluster with its resourceVersion, read directly: what a hostile call must not change.</summary>
internal static class ClusterSnapshot
{
    public static async Task<SortedDictionary<string, string>> TakeAsync(IKubernetes cluster)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var ns in (await cluster.CoreV1.ListNamespaceAsync().DefaultTimeout()).Items)
        {
            all[$"namespaces/{ns.Metadata.Name}"] = ns.Metadata.ResourceVersion;
        }
        foreach (var s in (await cluster.CoreV1.ListServiceForAllNamespacesAsync().DefaultTimeout()).Items)
        {
            all[$"services/{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"] = s.Metadata.ResourceVersion;
        }
        foreach (var i in (await cluster.NetworkingV1.ListIngressForAllNamespacesAsync().DefaultTimeout()).Items)
        {
            all[$"ingresses/{i.Metadata.NamespaceProperty}/{i.Metadata.Name}"] = i.Metadata.ResourceVersion;
        }
        foreach (var s in (await cluster.CoreV1.ListSecretForAllNamespacesAsync().DefaultTimeout()).Items)
        {
            all[$"secrets/{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"] = s.Metadata.ResourceVersion;
        }
        return all;
    }
}
