using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc;

/// <summary>The <c>kuberpc.v1.IngressManager</c> RPCs: thin adapters over <see cref="ResourceRpc{TProto,TModel}"/>.</summary>
internal sealed class IngressManagerService(IKubernetes client, CachedReads<Ingress, V1Ingress> cache, WatchRpc<Ingress, IngressEvent> watch, ILogger<IngressManagerService> logger) : IngressManager.IngressManagerBase
{
    private readonly ResourceRpc<Ingress, V1Ingress> _rpc = new(new IngressApi(client),
        new ResourceMapper<Ingress, V1Ingress>("ingress", i => i.Metadata, i => IngressMapping.ToKubernetes(i), IngressMapping.ToProto), logger, cache);

    public override Task<Ingress> CreateIngress(CreateIngressRequest request, ServerCallContext context) =>
        _rpc.CreateAsync(request.Ingress, request.DryRun, request.FieldManager, context);

    public override Task<Ingress> GetIngress(GetIngressRequest request, ServerCallContext context) =>
        _rpc.GetAsync(request.Namespace, request.Name, request.ReadOptions, context);

    public override async Task<ListIngressesResponse> ListIngresses(ListIngressesRequest request, ServerCallContext context)
    {
        var (items, next, rv) = await _rpc.ListAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.PageSize,
            request.PageToken, request.ReadOptions, context);
        return new ListIngressesResponse { Ingresses = { items }, NextPageToken = next, ResourceVersion = rv };
    }

    public override Task<Ingress> UpdateIngress(UpdateIngressRequest request, ServerCallContext context) =>
        _rpc.UpdateAsync(request.Ingress, request.DryRun, request.FieldManager, status: false, context);

    public override Task<Ingress> UpdateIngressStatus(UpdateIngressStatusRequest request, ServerCallContext context) =>
        _rpc.UpdateAsync(request.Ingress, request.DryRun, request.FieldManager, status: true, context);

    public override Task<Ingress> PatchIngress(PatchIngressRequest request, ServerCallContext context) =>
        _rpc.PatchAsync(request.Namespace, request.Name, request.PatchType, request.Patch, request.DryRun, request.FieldManager,
            request.HasForce ? request.Force : null, request.Subresource, context);

    public override Task<Ingress> ApplyIngress(ApplyIngressRequest request, ServerCallContext context) =>
        _rpc.ApplyAsync(request.Ingress, request.FieldManager, request.Force, request.DryRun, context);

    public override Task<Ingress> DeleteIngress(DeleteIngressRequest request, ServerCallContext context) =>
        _rpc.DeleteAsync(request.Namespace, request.Name, request.Preconditions, request.PropagationPolicy, request.DryRun, context);

    public override async Task<DeleteIngressCollectionResponse> DeleteIngressCollection(DeleteIngressCollectionRequest request,
        ServerCallContext context) =>
        new() { Ingresses = { await _rpc.DeleteCollectionAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.DryRun, context) } };

    public override Task WatchIngresses(WatchIngressesRequest request, IServerStreamWriter<IngressEvent> responseStream, ServerCallContext context) =>
        watch.RunAsync(new WatchRequest(request.Namespace, request.LabelSelector, request.FieldSelector, request.ResourceVersion,
            request.SendInitialEvents, request.AllowBookmarks), responseStream, context.CancellationToken);
}
