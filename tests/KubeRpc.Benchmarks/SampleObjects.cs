using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Typical objects as an informer receives them: parsed from JSON one by one, so no string is shared between
/// objects unless the code under test shares it (performance.md §2.6: 4 labels, 2 helm annotations, a ClusterIP
/// spec with 2 ports, about 880 bytes of JSON).
/// </summary>
internal static class SampleObjects
{
    private const string ServiceJson = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"NAME","namespace":"NS","uid":"UID",
        "resourceVersion":"RV","creationTimestamp":"2026-11-25T10:00:00Z",
        "labels":{"app.kubernetes.io/name":"NAME","app.kubernetes.io/instance":"release-IDX",
        "app.kubernetes.io/managed-by":"Helm","tier":"frontend"},
        "annotations":{"meta.helm.sh/release-name":"release-IDX","meta.helm.sh/release-namespace":"NS"}},
        "spec":{"type":"ClusterIP","selector":{"app.kubernetes.io/name":"NAME","app.kubernetes.io/instance":"release-IDX"},
        "ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},
        {"name":"metrics","protocol":"TCP","port":9090,"targetPort":"metrics"}],
        "clusterIP":"CIP","clusterIPs":["CIP"],"ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
        "sessionAffinity":"None","internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
        """;

    private const string IngressJson = """
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"NAME","namespace":"NS","uid":"UID",
        "resourceVersion":"RV","creationTimestamp":"2026-11-25T10:00:00Z",
        "labels":{"app.kubernetes.io/name":"NAME","app.kubernetes.io/instance":"release-IDX",
        "app.kubernetes.io/managed-by":"Helm","tier":"frontend"},
        "annotations":{"meta.helm.sh/release-name":"release-IDX","meta.helm.sh/release-namespace":"NS"}},
        "spec":{"ingressClassName":"nginx","tls":[{"hosts":["NAME.example.com"],"secretName":"NAME-tls"}],
        "rules":[{"host":"NAME.example.com","http":{"paths":[
        {"path":"/","pathType":"Prefix","backend":{"service":{"name":"NAME","port":{"number":80}}}},
        {"path":"/api","pathType":"Prefix","backend":{"service":{"name":"NAME-api","port":{"name":"http"}}}}]}}]},
        "status":{"loadBalancer":{}}}
        """;

    public static V1Service Service(int index, string ns, long resourceVersion) =>
        KubernetesJson.Deserialize<V1Service>(Fill(ServiceJson, index, ns, resourceVersion));

    public static V1Ingress Ingress(int index, string ns, long resourceVersion) =>
        KubernetesJson.Deserialize<V1Ingress>(Fill(IngressJson, index, ns, resourceVersion));

    /// <summary>The same Service without server-set fields, for a create.</summary>
    public static V1Service ServiceToCreate(int index, string ns)
    {
        var service = Service(index, ns, 1);
        service.Metadata.Uid = null;
        service.Metadata.ResourceVersion = null;
        service.Metadata.CreationTimestamp = null;
        service.Spec.ClusterIP = null;
        service.Spec.ClusterIPs = null;
        service.Status = null;
        return service;
    }

    public static int JsonBytes => Fill(ServiceJson, 0, "team-00", 1).Length;

    private static string Fill(string json, int index, string ns, long resourceVersion)
    {
        var idx = index.ToString("D6", CultureInfo.InvariantCulture);
        // A counter within 10.96.0.0/12 past the network address and 10.96.0.1 (default/kubernetes): unique for every
        // index the range can hold (about a million).
        var offset = index + 2;
        var ip = $"10.{96 + (offset >> 16)}.{(offset >> 8) & 0xff}.{offset & 0xff}";
        return json.Replace("\n", "", StringComparison.Ordinal)
            .Replace("NAME", "svc-" + idx, StringComparison.Ordinal)
            .Replace("IDX", idx, StringComparison.Ordinal)
            .Replace("\"NS\"", "\"" + ns + "\"", StringComparison.Ordinal)
            .Replace("UID", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("\"RV\"", "\"" + resourceVersion.ToString(CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal)
            .Replace("CIP", ip, StringComparison.Ordinal);
    }
}
