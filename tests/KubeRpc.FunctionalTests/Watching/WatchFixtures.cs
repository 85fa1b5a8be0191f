using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>Writes straight to the cluster (as another client would), for watches to observe.</summary>
internal static class WatchFixtures
{
    public static V1Service Service(string name, IDictionary<string, string>? labels = null, string? padding = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = labels,
            Annotations = padding is null ? null : new Dictionary<string, string> { ["padding"] = padding },
        },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
    };

    public static Task<V1Service> CreateAsync(this IKubernetes cluster, string name, IDictionary<string, string>? labels = null,
        string ns = "default", string? padding = null) =>
        cluster.CoreV1.CreateNamespacedServiceAsync(Service(name, labels, padding), ns).DefaultTimeout();

    public static Task<V1Service> LabelAsync(this IKubernetes cluster, string name, string key, string? value, string ns = "default") =>
        cluster.CoreV1.PatchNamespacedServiceAsync(new V1Patch(
            System.Text.Json.JsonSerializer.Serialize(new { metadata = new { labels = new Dictionary<string, string?> { [key] = value } } }),
            V1Patch.PatchType.MergePatch), name, ns).DefaultTimeout();

    public static Task DeleteAsync(this IKubernetes cluster, string name, string ns = "default") =>
        cluster.CoreV1.DeleteNamespacedServiceAsync(name, ns).DefaultTimeout();
}
