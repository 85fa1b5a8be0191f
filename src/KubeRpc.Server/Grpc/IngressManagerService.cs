using Grpc.Core;
using k8s.Models;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc;

/// <summary>The <c>kuberpc.v1.IngressManager</c> RPCs: thin adapters over the kind's <see cref="ResourceRpcs{TProto,TModel}"/>,
/// bound by <see cref="Binding.IngressManagerMethods"/>.</summary>
internal sealed class IngressManagerService(ResourceRpcs<Ingress, V1Ingress> rpc)
{
    public Task<Ingress> CreateIngress(CreateIngressRequest request, ServerCallContext context) =>
        rpc.Writes.CreateAsync(request.Ingress, request.DryRun, request.FieldManager, context);

    public Task<EncodedMessage> GetIngress(GetIngressRequest request, ServerCallContext context) =>
        rpc.Reads.GetAsync(request.Namespace, request.Name, request.ReadOptions, context);

    public async Task<EncodedMessage> ListIngresses(ListIngressesRequest request, ServerCallContext context) =>
        await rpc.Reads.ListAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.PageSize, request.PageToken,
            request.ReadOptions, context);

    public Task<Ingress> UpdateIngress(UpdateIngressRequest request, ServerCallContext context) =>
        rpc.Writes.UpdateAsync(request.Ingress, request.DryRun, request.FieldManager, Subresource.None, context);

    public Task<Ingress> UpdateIngressStatus(UpdateIngressStatusRequest request, ServerCallContext context) =>
        rpc.Writes.UpdateAsync(request.Ingress, request.DryRun, request.FieldManager, Subresource.Status, context);

    public Task<Ingress> PatchIngress(PatchIngressRequest request, ServerCallContext context) =>
        rpc.Writes.PatchAsync(request.Namespace, request.Name, request.PatchType, request.Patch, request.DryRun, request.FieldManager,
            request.HasForce ? request.Force : null, request.Subresource, context);

    public Task<Ingress> ApplyIngress(ApplyIngressRequest request, ServerCallContext context) =>
        rpc.Writes.ApplyAsync(request.Ingress, request.FieldManager, request.Force, request.DryRun, context);

    public Task<Ingress> DeleteIngress(DeleteIngressRequest request, ServerCallContext context) =>
        rpc.Writes.DeleteAsync(request.Namespace, request.Name, request.Preconditions, request.PropagationPolicy, request.DryRun, context);

    public async Task<DeleteIngressCollectionResponse> DeleteIngressCollection(DeleteIngressCollectionRequest request,
        ServerCallContext context) =>
        new() { Ingresses = { await rpc.Writes.DeleteCollectionAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.DryRun, context) } };

    public Task WatchIngresses(WatchIngressesRequest request, IServerStreamWriter<EncodedMessage> responseStream, ServerCallContext context) =>
        rpc.Watch.RunAsync(new WatchRequest(request.Namespace, request.LabelSelector, request.FieldSelector, request.ResourceVersion,
            request.SendInitialEvents, request.AllowBookmarks), responseStream, context);
}
