using Grpc.Core;
using k8s.Models;
using KubeRpc.Server.Grpc.Endpoints;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc;

/// <summary>The <c>kuberpc.v1.ServiceManager</c> RPCs: thin adapters over the kind's <see cref="ResourceRpcs{TProto,TModel}"/>,
/// bound by <see cref="Binding.ServiceManagerMethods"/>.</summary>
internal sealed class ServiceManagerService(ResourceRpcs<Service, V1Service> rpc, ServiceEndpointsRpc endpoints)
{
    public Task<Service> CreateService(CreateServiceRequest request, ServerCallContext context) =>
        rpc.Writes.CreateAsync(request.Service, request.DryRun, request.FieldManager, context);

    public Task<EncodedMessage> GetService(GetServiceRequest request, ServerCallContext context) =>
        rpc.Reads.GetAsync(request.Namespace, request.Name, request.ReadOptions, context);

    public async Task<EncodedMessage> ListServices(ListServicesRequest request, ServerCallContext context) =>
        await rpc.Reads.ListAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.PageSize, request.PageToken,
            request.ReadOptions, context);

    public Task<Service> UpdateService(UpdateServiceRequest request, ServerCallContext context) =>
        rpc.Writes.UpdateAsync(request.Service, request.DryRun, request.FieldManager, Subresource.None, context);

    public Task<Service> UpdateServiceStatus(UpdateServiceStatusRequest request, ServerCallContext context) =>
        rpc.Writes.UpdateAsync(request.Service, request.DryRun, request.FieldManager, Subresource.Status, context);

    public Task<Service> PatchService(PatchServiceRequest request, ServerCallContext context) =>
        rpc.Writes.PatchAsync(request.Namespace, request.Name, request.PatchType, request.Patch, request.DryRun, request.FieldManager,
            request.HasForce ? request.Force : null, request.Subresource, context);

    public Task<Service> ApplyService(ApplyServiceRequest request, ServerCallContext context) =>
        rpc.Writes.ApplyAsync(request.Service, request.FieldManager, request.Force, request.DryRun, context);

    public Task<Service> DeleteService(DeleteServiceRequest request, ServerCallContext context) =>
        rpc.Writes.DeleteAsync(request.Namespace, request.Name, request.Preconditions, request.PropagationPolicy, request.DryRun, context);

    public async Task<DeleteServiceCollectionResponse> DeleteServiceCollection(DeleteServiceCollectionRequest request,
        ServerCallContext context) =>
        new() { Services = { await rpc.Writes.DeleteCollectionAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.DryRun, context) } };

    public Task WatchServices(WatchServicesRequest request, IServerStreamWriter<EncodedMessage> responseStream, ServerCallContext context) =>
        rpc.Watch.RunAsync(new WatchRequest(request.Namespace, request.LabelSelector, request.FieldSelector, request.ResourceVersion,
            request.SendInitialEvents, request.AllowBookmarks), responseStream, context);

    public Task<EncodedMessage> ResolveServiceEndpoints(ResolveServiceEndpointsRequest request, ServerCallContext context) =>
        endpoints.ResolveAsync(request, context);

    public Task WatchServiceEndpoints(WatchServiceEndpointsRequest request, IServerStreamWriter<EncodedMessage> responseStream,
        ServerCallContext context) =>
        endpoints.WatchAsync(request, responseStream, context);
}
