using k8s;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>Every object of the embedded cluster with its resourceVersion, read directly: what a hostile call must not change.</summary>
internal static class ClusterSnapshot
{
    /// <param name="terminating">Given, collects the objects being deleted: the cluster's deletion controller changes those on its own.</param>
    public static async Task<SortedDictionary<string, string>> TakeAsync(IKubernetes cluster, ISet<string>? terminating = null)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var ns in (await cluster.CoreV1.ListNamespaceAsync().DefaultTimeout()).Items)
        {
            all[$"namespaces/{ns.Metadata.Name}"] = ns.Metadata.ResourceVersion;
        }
        foreach (var s in (await cluster.CoreV1.ListServiceForAllNamespacesAsync().DefaultTimeout()).Items)
        {
            all[$"services/{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"] = s.Metadata.ResourceVersion;
            if (s.Metadata.DeletionTimestamp is not null)
            {
                terminating?.Add($"services/{s.Metadata.NamespaceProperty}/{s.Metadata.Name}");
            }
        }
        foreach (var i in (await cluster.NetworkingV1.ListIngressForAllNamespacesAsync().DefaultTimeout()).Items)
        {
            all[$"ingresses/{i.Metadata.NamespaceProperty}/{i.Metadata.Name}"] = i.Metadata.ResourceVersion;
            if (i.Metadata.DeletionTimestamp is not null)
            {
                terminating?.Add($"ingresses/{i.Metadata.NamespaceProperty}/{i.Metadata.Name}");
            }
        }
        foreach (var s in (await cluster.CoreV1.ListSecretForAllNamespacesAsync().DefaultTimeout()).Items)
        {
            all[$"secrets/{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"] = s.Metadata.ResourceVersion;
            if (s.Metadata.DeletionTimestamp is not null)
            {
                terminating?.Add($"secrets/{s.Metadata.NamespaceProperty}/{s.Metadata.Name}");
            }
        }
        return all;
    }
}
