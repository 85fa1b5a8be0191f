using k8s.Models;

namespace KubeRpc.Emulator.Registry;

/// <summary>
/// What a fresh cluster has: the four system namespaces, each with the <c>default</c> service account
/// kube-controller-manager's service-account controller makes, the default/kubernetes Service and the default RBAC policy.
/// </summary>
internal static class ClusterSeed
{
    public static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static void Apply(ObjectRegistry registry)
    {
        var catalog = registry.Catalog;
        SeedNodes.Apply(registry);
        foreach (var name in Namespaces)
        {
            registry.Create(catalog.Namespaces, null, new V1Namespace
            {
                Metadata = new V1ObjectMeta { Name = name }, // the namespace strategy adds kubernetes.io/metadata.name
            }, WriteOptions.Default);
            registry.Create(catalog.ServiceAccounts, name, new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "default" } },
                WriteOptions.Default);
        }
        registry.Create(catalog.Services, "default", new V1Service
        {
            Metadata = new V1ObjectMeta
            {
                Name = "kubernetes",
                Labels = new Dictionary<string, string> { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            Spec = new V1ServiceSpec
            {
                ClusterIP = "10.96.0.1",
                ClusterIPs = ["10.96.0.1"],
                Ports = [new V1ServicePort { Name = "https", Port = 443, Protocol = "TCP", TargetPort = 6443 }],
                Type = "ClusterIP",
                SessionAffinity = "None",
            },
        }, WriteOptions.Default);
        RbacBootstrap.Apply(registry);
    }
}
