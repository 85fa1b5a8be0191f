using k8s.Models;

namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>Small builders for test objects.</summary>
public static class Objects
{
    public static V1Service Service(string name, int port = 80, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Port = port, TargetPort = 8080 }],
        },
    };

    public static V1Namespace Namespace(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    public static V1Secret Secret(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        StringData = new Dictionary<string, string> { ["key"] = "value" },
    };

    /// <summary>Reads the Status body of a failed call.</summary>
    public static V1Status Status(this k8s.Autorest.HttpOperationException e) =>
        k8s.KubernetesJson.Deserialize<V1Status>(e.Response.Content);
}
