using k8s.Models;

namespace KubeRpc.Server.Kubernetes;

/// <summary>The clients of the kinds KubeRpc serves, over one transport.</summary>
internal static class ResourceApis
{
    public static IResourceApi<V1Service> Services(ApiTransport transport) =>
        new ResourceClient<V1Service, V1ServiceList>(transport, ApiResource.Services);

    public static IResourceApi<V1Ingress> Ingresses(ApiTransport transport) =>
        new ResourceClient<V1Ingress, V1IngressList>(transport, ApiResource.Ingresses);
}
