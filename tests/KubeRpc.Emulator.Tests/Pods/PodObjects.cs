using k8s.Models;

namespace KubeRpc.Emulator.Tests.Pods;

/// <summary>Pods for the pod tests.</summary>
internal static class PodObjects
{
    public static V1Pod Pod(string name, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec
        {
            Containers = containers.Length > 0 ? containers : [Container("app", "nginx:1.27", 8080)],
        },
    };

    public static V1Container Container(string name, string? image, params int[] ports) => new()
    {
        Name = name,
        Image = image,
        Ports = [.. ports.Select(p => new V1ContainerPort { ContainerPort = p, Name = "http" + (p == ports[0] ? "" : p.ToString(System.Globalization.CultureInfo.InvariantCulture)) })],
    };
}
