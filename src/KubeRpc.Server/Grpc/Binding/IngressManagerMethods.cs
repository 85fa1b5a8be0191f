using Grpc.AspNetCore.Server.Model;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Binding;

/// <summary>
/// The methods of <c>kuberpc.v1.IngressManager</c>: GetIngress, ListIngresses and WatchIngresses reply with pre-encoded bytes from
/// the cache; the writes use the usual protobuf marshallers.
/// </summary>
internal sealed class IngressManagerMethods : IServiceMethodProvider<IngressManagerService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<IngressManagerService> context)
    {
        var methods = new MethodBinder<IngressManagerService>(context, IngressManager.Descriptor);
        methods.Unary<CreateIngressRequest, Ingress>("CreateIngress", static (s, r, c) => s.CreateIngress(r, c));
        methods.EncodedUnary<GetIngressRequest>("GetIngress", typeof(Ingress), static (s, r, c) => s.GetIngress(r, c));
        methods.EncodedUnary<ListIngressesRequest>("ListIngresses", typeof(ListIngressesResponse), static (s, r, c) => s.ListIngresses(r, c));
        methods.Unary<UpdateIngressRequest, Ingress>("UpdateIngress", static (s, r, c) => s.UpdateIngress(r, c));
        methods.Unary<UpdateIngressStatusRequest, Ingress>("UpdateIngressStatus", static (s, r, c) => s.UpdateIngressStatus(r, c));
        methods.Unary<PatchIngressRequest, Ingress>("PatchIngress", static (s, r, c) => s.PatchIngress(r, c));
        methods.Unary<ApplyIngressRequest, Ingress>("ApplyIngress", static (s, r, c) => s.ApplyIngress(r, c));
        methods.Unary<DeleteIngressRequest, Ingress>("DeleteIngress", static (s, r, c) => s.DeleteIngress(r, c));
        methods.Unary<DeleteIngressCollectionRequest, DeleteIngressCollectionResponse>("DeleteIngressCollection",
            static (s, r, c) => s.DeleteIngressCollection(r, c));
        methods.EncodedServerStreaming<WatchIngressesRequest>("WatchIngresses", typeof(IngressEvent), static (s, r, w, c) => s.WatchIngresses(r, w, c));
        methods.Complete();
    }
}
