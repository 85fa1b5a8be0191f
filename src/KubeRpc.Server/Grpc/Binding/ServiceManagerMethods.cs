using Grpc.AspNetCore.Server.Model;
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
        methods.Unary<CreateServiceRequest, Service>("CreateService", static (s, r, c) => s.CreateService(r, c));
        methods.EncodedUnary<GetServiceRequest>("GetService", typeof(Service), static (s, r, c) => s.GetService(r, c));
        methods.EncodedUnary<ListServicesRequest>("ListServices", typeof(ListServicesResponse), static (s, r, c) => s.ListServices(r, c));
        methods.Unary<UpdateServiceRequest, Service>("UpdateService", static (s, r, c) => s.UpdateService(r, c));
        methods.Unary<UpdateServiceStatusRequest, Service>("UpdateServiceStatus", static (s, r, c) => s.UpdateServiceStatus(r, c));
        methods.Unary<PatchServiceRequest, Service>("PatchService", static (s, r, c) => s.PatchService(r, c));
        methods.Unary<ApplyServiceRequest, Service>("ApplyService", static (s, r, c) => s.ApplyService(r, c));
        methods.Unary<DeleteServiceRequest, Service>("DeleteService", static (s, r, c) => s.DeleteService(r, c));
        methods.Unary<DeleteServiceCollectionRequest, DeleteServiceCollectionResponse>("DeleteServiceCollection",
            static (s, r, c) => s.DeleteServiceCollection(r, c));
        methods.EncodedServerStreaming<WatchServicesRequest>("WatchServices", typeof(ServiceEvent), static (s, r, w, c) => s.WatchServices(r, w, c));
        methods.Complete();
    }
}
