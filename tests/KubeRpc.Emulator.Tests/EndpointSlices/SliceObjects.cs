using k8s.Models;

namespace KubeRpc.Emulator.Tests.EndpointSlices;

/// <summary>Services, Pods and slices for the EndpointSlice tests.</summary>
internal static class SliceObjects
{
    public static V1Service Service(string name, string targetPort = "8080", IDictionary<string, string>? selector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            Selector = selector ?? new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = targetPort }],
        },
    };

    public static V1Pod Pod(string name, string app = "web", params (string Name, int Port)[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app", Image = "nginx:1.27",
                    Ports = [.. (ports.Length > 0 ? ports : [("http", 8080)]).Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Port })],
                },
            ],
        },
    };

    public static V1EndpointSlice Slice(string name, string addressType = "IPv4", params string[] addresses) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        AddressType = addressType,
        Endpoints = [new V1Endpoint { Addresses = addresses.Length > 0 ? addresses : ["10.0.0.1"] }],
        Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 80 }],
    };
}
