using Grpc.AspNetCore.Server.Model;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Binding;

/// <summary>
/// The methods of <c>kuberpc.v1.ServiceManager</c>: GetService, ListServices and WatchServices reply with pre-encoded bytes from
/// the cache; the writes use the usual protobuf marshallers.
/// </summary>
internal sealed class ServiceManagerMethods : IServiceMethodProvider<ServiceManagerService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<ServiceManagerService> context)
    {
        var methods = new MethodBinder<ServiceManagerService>(context, ServiceManager.Descriptor);
        var access = new KindAccessRules(ServiceKind.Descriptor.Resource, ServiceKind.Descriptor.RequestField);
        methods.Unary<CreateServiceRequest, Service>("CreateService", access.Create<CreateServiceRequest>(r => r.Service?.Metadata),
            static (s, r, c) => s.CreateService(r, c));
        methods.EncodedUnary<GetServiceRequest>("GetService", typeof(Service),
            access.Named<GetServiceRequest>("get", r => (r.Namespace, r.Name)), static (s, r, c) => s.GetService(r, c));
        methods.EncodedUnary<ListServicesRequest>("ListServices", typeof(ListServicesResponse),
            access.Collection<ListServicesRequest>("list", r => r.Namespace), static (s, r, c) => s.ListServices(r, c));
        methods.Unary<UpdateServiceRequest, Service>("UpdateService", access.OfObject<UpdateServiceRequest>("update", r => r.Service?.Metadata),
            static (s, r, c) => s.UpdateService(r, c));
        methods.Unary<UpdateServiceStatusRequest, Service>("UpdateServiceStatus",
            access.OfObject<UpdateServiceStatusRequest>("update", r => r.Service?.Metadata, "status"), static (s, r, c) => s.UpdateServiceStatus(r, c));
        methods.Unary<PatchServiceRequest, Service>("PatchService",
            access.Named<PatchServiceRequest>("patch", r => (r.Namespace, r.Name), r => r.Subresource), static (s, r, c) => s.PatchService(r, c));
        methods.Unary<ApplyServiceRequest, Service>("ApplyService", access.OfObject<ApplyServiceRequest>("patch", r => r.Service?.Metadata),
            static (s, r, c) => s.ApplyService(r, c));
        methods.Unary<DeleteServiceRequest, Service>("DeleteService", access.Named<DeleteServiceRequest>("delete", r => (r.Namespace, r.Name)),
            static (s, r, c) => s.DeleteService(r, c));
        methods.Unary<DeleteServiceCollectionRequest, DeleteServiceCollectionResponse>("DeleteServiceCollection",
            access.Collection<DeleteServiceCollectionRequest>("deletecollection", r => r.Namespace),
            static (s, r, c) => s.DeleteServiceCollection(r, c));
        methods.EncodedServerStreaming<WatchServicesRequest>("WatchServices", typeof(ServiceEvent),
            access.Collection<WatchServicesRequest>("watch", r => r.Namespace), static (s, r, w, c) => s.WatchServices(r, w, c));
        // A Service's endpoints are its EndpointSlices too: the caller must be able to list and watch them in its namespace.
        (string, ApiResource)[] slices = [("list", EndpointSliceKind.Descriptor.Resource), ("watch", EndpointSliceKind.Descriptor.Resource)];
        methods.EncodedUnary<ResolveServiceEndpointsRequest>("ResolveServiceEndpoints", typeof(ServiceEndpoints),
            access.Named<ResolveServiceEndpointsRequest>("get", r => (r.Namespace, r.Name), also: slices), static (s, r, c) => s.ResolveServiceEndpoints(r, c));
        methods.EncodedServerStreaming<WatchServiceEndpointsRequest>("WatchServiceEndpoints", typeof(ServiceEndpointsEvent),
            access.Named<WatchServiceEndpointsRequest>("watch", r => (r.Namespace, r.Name), also: slices),
            static (s, r, w, c) => s.WatchServiceEndpoints(r, w, c));
        methods.Complete();
    }
}
