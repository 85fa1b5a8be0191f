using Grpc.AspNetCore.Server.Model;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Kinds;
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
        var access = new KindAccessRules(IngressKind.Descriptor.Resource, IngressKind.Descriptor.RequestField);
        methods.Unary<CreateIngressRequest, Ingress>("CreateIngress", access.Create<CreateIngressRequest>(r => r.Ingress?.Metadata),
            static (s, r, c) => s.CreateIngress(r, c));
        methods.EncodedUnary<GetIngressRequest>("GetIngress", typeof(Ingress),
            access.Named<GetIngressRequest>("get", r => (r.Namespace, r.Name)), static (s, r, c) => s.GetIngress(r, c));
        methods.EncodedUnary<ListIngressesRequest>("ListIngresses", typeof(ListIngressesResponse),
            access.Collection<ListIngressesRequest>("list", r => r.Namespace), static (s, r, c) => s.ListIngresses(r, c));
        methods.Unary<UpdateIngressRequest, Ingress>("UpdateIngress", access.OfObject<UpdateIngressRequest>("update", r => r.Ingress?.Metadata),
            static (s, r, c) => s.UpdateIngress(r, c));
        methods.Unary<UpdateIngressStatusRequest, Ingress>("UpdateIngressStatus",
            access.OfObject<UpdateIngressStatusRequest>("update", r => r.Ingress?.Metadata, "status"), static (s, r, c) => s.UpdateIngressStatus(r, c));
        methods.Unary<PatchIngressRequest, Ingress>("PatchIngress",
            access.Named<PatchIngressRequest>("patch", r => (r.Namespace, r.Name), r => r.Subresource), static (s, r, c) => s.PatchIngress(r, c));
        methods.Unary<ApplyIngressRequest, Ingress>("ApplyIngress", access.OfObject<ApplyIngressRequest>("patch", r => r.Ingress?.Metadata),
            static (s, r, c) => s.ApplyIngress(r, c));
        methods.Unary<DeleteIngressRequest, Ingress>("DeleteIngress", access.Named<DeleteIngressRequest>("delete", r => (r.Namespace, r.Name)),
            static (s, r, c) => s.DeleteIngress(r, c));
        methods.Unary<DeleteIngressCollectionRequest, DeleteIngressCollectionResponse>("DeleteIngressCollection",
            access.Collection<DeleteIngressCollectionRequest>("deletecollection", r => r.Namespace),
            static (s, r, c) => s.DeleteIngressCollection(r, c));
        methods.EncodedServerStreaming<WatchIngressesRequest>("WatchIngresses", typeof(IngressEvent),
            access.Collection<WatchIngressesRequest>("watch", r => r.Namespace), static (s, r, w, c) => s.WatchIngresses(r, w, c));
        methods.Complete();
    }
}
