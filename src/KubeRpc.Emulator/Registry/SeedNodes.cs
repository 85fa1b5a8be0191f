using k8s.Models;

namespace KubeRpc.Emulator.Registry;

/// <summary>
/// The Nodes of the embedded cluster, as their kubelets would register them: three Ready workers in two zones
/// (<c>topology.kubernetes.io/zone</c> zone-a and zone-b), each with an InternalIP, its system info and capacity. The
/// simulated kubelet (Controllers/SimulatedKubelet.cs) runs the pods bound to them.
/// </summary>
internal static class SeedNodes
{
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    public static readonly (string Name, string Zone, string Ip)[] All =
    [
        ("node-a1", "zone-a", "172.18.0.2"),
        ("node-a2", "zone-a", "172.18.0.3"),
        ("node-b1", "zone-b", "172.18.0.4"),
    ];

    public static void Apply(ObjectRegistry registry)
    {
        foreach (var (name, zone, ip) in All)
        {
            registry.Create(registry.Catalog.Nodes, null, Node(name, zone, ip), WriteOptions.Default);
        }
    }

    private static V1Node Node(string name, string zone, string ip)
    {
        var capacity = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new("4"), ["memory"] = new("8Gi"), ["pods"] = new("110"), ["ephemeral-storage"] = new("100Gi"),
        };
        return new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string>
                {
                    ["kubernetes.io/hostname"] = name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = "amd64",
                    ["topology.kubernetes.io/region"] = "emulator",
                    [ZoneLabel] = zone,
                },
            },
            Spec = new V1NodeSpec(),
            Status = new V1NodeStatus
            {
                Capacity = capacity,
                Allocatable = new Dictionary<string, ResourceQuantity>(capacity),
                Addresses = [new V1NodeAddress { Address = ip, Type = "InternalIP" }, new V1NodeAddress { Address = name, Type = "Hostname" }],
                Conditions =
                [
                    new V1NodeCondition { Status = "False", Type = "MemoryPressure", Reason = "KubeletHasSufficientMemory", Message = "kubelet has sufficient memory available" },
                    new V1NodeCondition { Status = "False", Type = "DiskPressure", Reason = "KubeletHasNoDiskPressure", Message = "kubelet has no disk pressure" },
                    new V1NodeCondition { Status = "False", Type = "PIDPressure", Reason = "KubeletHasSufficientPID", Message = "kubelet has sufficient PID available" },
                    new V1NodeCondition { Status = "True", Type = "Ready", Reason = "KubeletReady", Message = "kubelet is posting ready status" },
                ],
                NodeInfo = new V1NodeSystemInfo
                {
                    Architecture = "amd64",
                    OperatingSystem = "linux",
                    OsImage = "KubeRpc emulator",
                    KernelVersion = "emulated",
                    ContainerRuntimeVersion = "emulator://1.32",
                    KubeletVersion = "v1.32.0",
                    KubeProxyVersion = "v1.32.0",
                    BootID = "", MachineID = "", SystemUUID = "",
                },
                DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = 10250 } },
            },
        };
    }
}
