using Grpc.Core;
using k8s.Models;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc;

/// <summary>The <c>kuberpc.v1.ServiceManager</c> RPCs: thin adapters over <see cref="ResourceRpc{TProto,TModel}"/>,
/// bound by <see cref="Binding.ServiceManagerMethods"/>.</summary>
internal sealed class ServiceManagerService(IResourceApi<V1Service> api, CachedReads<Service, V1Service> cache, WatchRpc<Service, EncodedMessage> watch, Microsoft.Extensions.Options.IOptions<RequestLimits> limits, ILogger<ServiceManagerService> logger)
{
    private readonly ResourceRpc<Service, V1Service> _rpc = new(api,
        new ResourceMapper<Service, V1Service>("service", s => s.Metadata, s => ServiceMapping.ToKubernetes(s), ServiceMapping.ToProto), limits.Value, logger, cache);

    public Task<Service> CreateService(CreateServiceRequest request, ServerCallContext context) =>
        _rpc.CreateAsync(request.Service, request.DryRun, request.FieldManager, context);

    public Task<EncodedMessage> GetService(GetServiceRequest request, ServerCallContext context) =>
        _rpc.GetAsync(request.Namespace, request.Name, request.ReadOptions, context);

    public async Task<EncodedMessage> ListServices(ListServicesRequest request, ServerCallContext context) =>
        await _rpc.ListAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.PageSize, request.PageToken,
            request.ReadOptions, context);

    public Task<Service> UpdateService(UpdateServiceRequest request, ServerCallContext context) =>
        _rpc.UpdateAsync(request.Service, request.DryRun, request.FieldManager, Subresource.None, context);

    public Task<Service> UpdateServiceStatus(UpdateServiceStatusRequest request, ServerCallContext context) =>
        _rpc.UpdateAsync(request.Service, request.DryRun, request.FieldManager, Subresource.Status, context);

    public Task<Service> PatchService(PatchServiceRequest request, ServerCallContext context) =>
        _rpc.PatchAsync(request.Namespace, request.Name, request.PatchType, request.Patch, request.DryRun, request.FieldManager,
            request.HasForce ? request.Force : null, request.Subresource, context);

    public Task<Service> ApplyService(ApplyServiceRequest request, ServerCallContext context) =>
        _rpc.ApplyAsync(request.Service, request.FieldManager, request.Force, request.DryRun, context);

    public Task<Service> DeleteService(DeleteServiceRequest request, ServerCallContext context) =>
        _rpc.DeleteAsync(request.Namespace, request.Name, request.Preconditions, request.PropagationPolicy, request.DryRun, context);

    public async Task<DeleteServiceCollectionResponse> DeleteServiceCollection(DeleteServiceCollectionRequest request,
        ServerCallContext context) =>
        new() { Services = { await _rpc.DeleteCollectionAsync(request.Namespace, request.LabelSelector, request.FieldSelector, request.DryRun, context) } };

    public Task WatchServices(WatchServicesRequest request, IServerStreamWriter<EncodedMessage> responseStream, ServerCallContext context) =>
        watch.RunAsync(new WatchRequest(request.Namespace, request.LabelSelector, request.FieldSelector, request.ResourceVersion,
            request.SendInitialEvents, request.AllowBookmarks), responseStream, context);
}
